package io.sirenorder.order.persistence;

import io.sirenorder.order.application.Orders;
import io.sirenorder.order.domain.CheckedAgainst;
import io.sirenorder.order.domain.Order;
import io.sirenorder.order.domain.OrderStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class JdbcOrders implements Orders {

    private final JdbcClient jdbc;

    JdbcOrders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Order add(Order order) {
        // the column keeps microseconds: the order handed back must be the one read back later
        var orderedAt = order.orderedAt().truncatedTo(ChronoUnit.MICROS);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO orders (product_id, quantity, unit_price, customer_id, status, ordered_at,
                                            checked_against)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(order.productId(), order.quantity(), order.unitPrice(), order.customerId(),
                        order.status().name(), orderedAt.atOffset(ZoneOffset.UTC), order.checkedAgainst().name())
                .update(key, "id");
        long id = key.getKeyAs(Number.class).longValue();
        return new Order(id, order.productId(), order.quantity(), order.unitPrice(), order.customerId(),
                order.status(), orderedAt, order.checkedAgainst());
    }

    @Override
    public Optional<Order> find(long orderId) {
        return jdbc.sql("""
                        SELECT id, product_id, quantity, unit_price, customer_id, status, ordered_at, checked_against
                        FROM orders WHERE id = ?""")
                .param(orderId)
                .query(JdbcOrders::order)
                .optional();
    }

    @Override
    public List<Order> newestFirst(long offset, int limit) {
        // ids grow with every order, so the highest id is the newest order
        return jdbc.sql("""
                        SELECT id, product_id, quantity, unit_price, customer_id, status, ordered_at, checked_against
                        FROM orders ORDER BY id DESC OFFSET ? ROWS FETCH FIRST ? ROWS ONLY""")
                .params(offset, limit)
                .query(JdbcOrders::order)
                .list();
    }

    @Override
    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM orders").query(Long.class).single();
    }

    @Override
    public List<Order> newestFirstOf(String customerId, long offset, int limit) {
        return jdbc.sql("""
                        SELECT id, product_id, quantity, unit_price, customer_id, status, ordered_at, checked_against
                        FROM orders WHERE customer_id = ? ORDER BY id DESC OFFSET ? ROWS FETCH FIRST ? ROWS ONLY""")
                .params(customerId, offset, limit)
                .query(JdbcOrders::order)
                .list();
    }

    @Override
    public long countOf(String customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM orders WHERE customer_id = ?").param(customerId).query(Long.class)
                .single();
    }

    private static Order order(ResultSet row, int rowNum) throws SQLException {
        return new Order(row.getLong("id"), row.getLong("product_id"), row.getInt("quantity"),
                row.getInt("unit_price"), row.getString("customer_id"), OrderStatus.valueOf(row.getString("status")),
                row.getObject("ordered_at", OffsetDateTime.class).toInstant(),
                CheckedAgainst.valueOf(row.getString("checked_against")));
    }
}
