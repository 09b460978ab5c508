package io.sirenorder.order.persistence;

import io.sirenorder.order.application.Orders;
import io.sirenorder.order.domain.CheckedAgainst;
import io.sirenorder.order.domain.Order;
import io.sirenorder.order.domain.OrderStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class JdbcOrders implements Orders {

    private static final String SELECT = """
            SELECT id, product_id, quantity, unit_price, customer_id, status, ordered_at, checked_against, version,
                   status_changed_at
            FROM orders""";

    private final JdbcClient jdbc;

    JdbcOrders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Order add(Order order) {
        // the columns keep microseconds: the order handed back must be the one read back later
        Instant orderedAt = micros(order.orderedAt());
        Instant statusChangedAt = micros(order.statusChangedAt());
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO orders (product_id, quantity, unit_price, customer_id, status, ordered_at,
                                            checked_against, version, status_changed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(order.productId(), order.quantity(), order.unitPrice(), order.customerId(),
                        order.status().name(), utc(orderedAt), order.checkedAgainst().name(), order.version(),
                        utc(statusChangedAt))
                .update(key, "id");
        long id = key.getKeyAs(Number.class).longValue();
        return new Order(id, order.productId(), order.quantity(), order.unitPrice(), order.customerId(),
                order.status(), orderedAt, order.checkedAgainst(), order.version(), statusChangedAt);
    }

    @Override
    public Optional<Order> find(long orderId) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(orderId).query(JdbcOrders::order).optional();
    }

    @Override
    public Optional<Order> lock(long orderId) {
        return jdbc.sql(SELECT + " WHERE id = ? FOR UPDATE").param(orderId).query(JdbcOrders::order).optional();
    }

    @Override
    public void move(Order moved, OrderStatus from, String movedBy) {
        var movedAt = utc(moved.statusChangedAt());
        // the version guard makes a move made without the lock fail loudly rather than overwrite another
        int updated = jdbc.sql("""
                        UPDATE orders SET status = ?, version = ?, status_changed_at = ?
                        WHERE id = ? AND version = ?""")
                .params(moved.status().name(), moved.version(), movedAt, moved.id(), moved.version() - 1)
                .update();
        if (updated != 1) {
            throw new IllegalStateException("order " + moved.id() + " was not at version " + (moved.version() - 1)
                    + " when moved to " + moved.status());
        }
        jdbc.sql("""
                        INSERT INTO order_move (order_id, version, from_status, to_status, moved_at, moved_by)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(moved.id(), moved.version(), from.name(), moved.status().name(), movedAt, movedBy)
                .update();
    }

    @Override
    public List<Order> newestFirst(long offset, int limit) {
        // ids grow with every order, so the highest id is the newest order
        return jdbc.sql(SELECT + " ORDER BY id DESC OFFSET ? ROWS FETCH FIRST ? ROWS ONLY")
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
        return jdbc.sql(SELECT + " WHERE customer_id = ? ORDER BY id DESC OFFSET ? ROWS FETCH FIRST ? ROWS ONLY")
                .params(customerId, offset, limit)
                .query(JdbcOrders::order)
                .list();
    }

    @Override
    public long countOf(String customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM orders WHERE customer_id = ?").param(customerId).query(Long.class)
                .single();
    }

    @Override
    public List<Order> oldestFirstIn(Set<OrderStatus> statuses, String customerId, long offset, int limit) {
        return jdbc.sql(SELECT + whereIn(customerId) + " ORDER BY id OFFSET :offset ROWS FETCH FIRST :limit ROWS ONLY")
                .paramSource(whereIn(statuses, customerId).addValue("offset", offset).addValue("limit", limit))
                .query(JdbcOrders::order)
                .list();
    }

    @Override
    public long countIn(Set<OrderStatus> statuses, String customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM orders" + whereIn(customerId))
                .paramSource(whereIn(statuses, customerId))
                .query(Long.class)
                .single();
    }

    /** The condition of {@link #oldestFirstIn}: written for one customer or for all, so each finds its index. */
    private static String whereIn(String customerId) {
        return " WHERE status IN (:statuses)" + (customerId == null ? "" : " AND customer_id = :customerId");
    }

    private static MapSqlParameterSource whereIn(Set<OrderStatus> statuses, String customerId) {
        return new MapSqlParameterSource()
                .addValue("statuses", statuses.stream().map(OrderStatus::name).toList())
                .addValue("customerId", customerId);
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Order order(ResultSet row, int rowNum) throws SQLException {
        return new Order(row.getLong("id"), row.getLong("product_id"), row.getInt("quantity"),
                row.getInt("unit_price"), row.getString("customer_id"), OrderStatus.valueOf(row.getString("status")),
                row.getObject("ordered_at", OffsetDateTime.class).toInstant(),
                CheckedAgainst.valueOf(row.getString("checked_against")), row.getLong("version"),
                row.getObject("status_changed_at", OffsetDateTime.class).toInstant());
    }
}
