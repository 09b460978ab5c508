package io.sirenorder.order.persistence;

import io.sirenorder.order.application.MenuItems;
import io.sirenorder.order.domain.MenuItem;
import io.sirenorder.order.domain.ProductStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcMenuItems implements MenuItems {

    private final JdbcClient jdbc;

    JdbcMenuItems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<MenuItem> find(long productId) {
        return jdbc.sql("SELECT product_id, version, name, price, status FROM menu_item WHERE product_id = ?")
                .param(productId)
                .query(JdbcMenuItems::menuItem)
                .optional();
    }

    @Override
    public void insert(MenuItem item) {
        jdbc.sql("INSERT INTO menu_item (product_id, version, name, price, status) VALUES (?, ?, ?, ?, ?)")
                .params(item.productId(), item.version(), item.name(), item.price(), item.status().name())
                .update();
    }

    @Override
    public void update(MenuItem item) {
        jdbc.sql("""
                        UPDATE menu_item SET version = ?, name = ?, price = ?, status = ?
                        WHERE product_id = ? AND version < ?""")
                .params(item.version(), item.name(), item.price(), item.status().name(), item.productId(),
                        item.version())
                .update();
    }

    @Override
    public List<MenuItem> all() {
        return jdbc.sql("SELECT product_id, version, name, price, status FROM menu_item ORDER BY product_id")
                .query(JdbcMenuItems::menuItem)
                .list();
    }

    private static MenuItem menuItem(ResultSet row, int rowNum) throws SQLException {
        return new MenuItem(row.getLong("product_id"), row.getLong("version"), row.getString("name"),
                row.getInt("price"), ProductStatus.valueOf(row.getString("status")));
    }
}
