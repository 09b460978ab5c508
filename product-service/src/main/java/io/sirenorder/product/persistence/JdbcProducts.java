package io.sirenorder.product.persistence;

import io.sirenorder.product.application.Products;
import io.sirenorder.product.domain.Product;
import io.sirenorder.product.domain.ProductStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class JdbcProducts implements Products {

    private static final String COLUMNS = "id, name, price, status, version, registered_at, status_changed_at";

    private final JdbcClient jdbc;

    JdbcProducts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Product add(Product product) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO product (name, price, status, version, registered_at, status_changed_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(product.name(), product.price(), product.status().name(), product.version(),
                        timestamp(product.registeredAt()), timestamp(product.statusChangedAt()))
                .update(key, "id");
        return product.withId(key.getKeyAs(Long.class));
    }

    @Override
    public Optional<Product> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM product WHERE id = ?").param(id).query(this::product).optional();
    }

    @Override
    public Optional<Product> findForUpdate(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM product WHERE id = ? FOR UPDATE").param(id)
                .query(this::product).optional();
    }

    @Override
    public void update(Product product) {
        jdbc.sql("UPDATE product SET name = ?, price = ?, status = ?, version = ?, status_changed_at = ? WHERE id = ?")
                .params(product.name(), product.price(), product.status().name(), product.version(),
                        timestamp(product.statusChangedAt()), product.id())
                .update();
    }

    @Override
    public List<Product> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM product ORDER BY id").query(this::product).list();
    }

    private Product product(ResultSet row, int rowNumber) throws SQLException {
        return new Product(row.getLong("id"), row.getString("name"), row.getInt("price"),
                ProductStatus.valueOf(row.getString("status")), row.getLong("version"),
                row.getObject("registered_at", OffsetDateTime.class).toInstant(),
                row.getObject("status_changed_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
