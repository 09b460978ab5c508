package io.sirenorder.report.persistence;

import io.sirenorder.report.application.CountedOrders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcCountedOrders implements CountedOrders {

    private final JdbcClient jdbc;

    JdbcCountedOrders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean markCounted(long orderId) {
        boolean counted = jdbc.sql("SELECT COUNT(*) FROM counted_order WHERE order_id = ?").param(orderId)
                .query(Long.class).single() > 0;
        if (!counted) {
            jdbc.sql("INSERT INTO counted_order (order_id) VALUES (?)").param(orderId).update();
        }
        return !counted;
    }
}
