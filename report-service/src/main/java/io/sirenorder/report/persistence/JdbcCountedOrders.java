package io.sirenorder.report.persistence;

import io.sirenorder.report.application.CountedOrders;
import io.sirenorder.report.domain.CountedOrder;
import io.sirenorder.report.domain.Sale;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

@Repository
class JdbcCountedOrders implements CountedOrders {

    private final JdbcClient jdbc;
    private final TransactionTemplate savepoint;

    JdbcCountedOrders(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public Optional<CountedOrder> find(long orderId) {
        return jdbc.sql("""
                        SELECT order_id, product_id, quantity, unit_price, placed, cancelled
                        FROM counted_order WHERE order_id = ?""")
                .param(orderId).query(JdbcCountedOrders::countedOrder).optional();
    }

    /**
     * Inside a savepoint: when another transaction has just inserted the order, only the failed insert is rolled
     * back, not the transaction applying the event, which then reads what that one stored.
     */
    @Override
    public boolean add(CountedOrder order) {
        try {
            savepoint.executeWithoutResult(status -> jdbc.sql("""
                            INSERT INTO counted_order (order_id, product_id, quantity, unit_price, placed, cancelled)
                            VALUES (:orderId, :productId, :quantity, :unitPrice, :placed, :cancelled)""")
                    .paramSource(parameters(order)).update());
            return true;
        } catch (DuplicateKeyException addedMeanwhile) {
            return false;
        }
    }

    @Override
    public void update(CountedOrder order) {
        jdbc.sql("""
                        UPDATE counted_order
                        SET product_id = :productId, quantity = :quantity, unit_price = :unitPrice,
                            placed = :placed, cancelled = :cancelled
                        WHERE order_id = :orderId""")
                .paramSource(parameters(order)).update();
    }

    /** Typed, so that a null is bound the same way on every database. */
    private static MapSqlParameterSource parameters(CountedOrder order) {
        Sale sale = order.sale();
        boolean known = sale != null;
        return new MapSqlParameterSource()
                .addValue("orderId", order.orderId())
                .addValue("productId", known ? sale.productId() : null, Types.BIGINT)
                .addValue("quantity", known ? sale.quantity() : null, Types.INTEGER)
                .addValue("unitPrice", known ? sale.unitPrice() : null, Types.INTEGER)
                .addValue("placed", order.placed(), Types.BOOLEAN)
                .addValue("cancelled", order.cancelled(), Types.BOOLEAN);
    }

    private static CountedOrder countedOrder(ResultSet row, int rowNumber) throws SQLException {
        long orderId = row.getLong("order_id");
        long productId = row.getLong("product_id");
        Sale sale = row.wasNull() ? null
                : new Sale(orderId, productId, row.getInt("quantity"), row.getInt("unit_price"));
        return new CountedOrder(orderId, sale, row.getBoolean("placed"), row.getBoolean("cancelled"));
    }
}
