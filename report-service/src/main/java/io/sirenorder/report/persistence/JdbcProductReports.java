package io.sirenorder.report.persistence;

import io.sirenorder.report.application.ProductReports;
import io.sirenorder.report.domain.ProductDetails;
import io.sirenorder.report.domain.ProductReport;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

@Repository
class JdbcProductReports implements ProductReports {

    private static final String SELECT = """
            SELECT product_id, version, name, price, status, status_changed_at, orders_placed, items_sold, revenue,
                   orders_cancelled
            FROM product_report""";

    private final JdbcClient jdbc;
    private final TransactionTemplate savepoint;

    JdbcProductReports(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public Optional<ProductReport> findById(long productId) {
        return jdbc.sql(SELECT + " WHERE product_id = ?").param(productId).query(JdbcProductReports::report)
                .optional();
    }

    @Override
    public List<ProductReport> findAll() {
        return jdbc.sql(SELECT + " ORDER BY product_id").query(JdbcProductReports::report).list();
    }

    @Override
    public ProductReport lock(long productId) {
        Optional<ProductReport> existing = selectForUpdate(productId);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (created(productId)) {
            return ProductReport.unseen(productId);
        }
        return selectForUpdate(productId).orElseThrow();
    }

    @Override
    public void update(ProductReport report) {
        ProductDetails details = report.details();
        boolean described = details != null;
        // typed, so that a null is bound the same way on every database
        jdbc.sql("""
                        UPDATE product_report
                        SET version = :version, name = :name, price = :price, status = :status,
                            status_changed_at = :statusChangedAt, orders_placed = :ordersPlaced,
                            items_sold = :itemsSold, revenue = :revenue, orders_cancelled = :ordersCancelled
                        WHERE product_id = :productId""")
                .paramSource(new MapSqlParameterSource()
                        .addValue("productId", report.productId())
                        .addValue("version", described ? details.version() : null, Types.BIGINT)
                        .addValue("name", described ? details.name() : null, Types.VARCHAR)
                        .addValue("price", described ? details.price() : null, Types.INTEGER)
                        .addValue("status", described ? details.status() : null, Types.VARCHAR)
                        .addValue("statusChangedAt",
                                described ? details.statusChangedAt().atOffset(ZoneOffset.UTC) : null,
                                Types.TIMESTAMP_WITH_TIMEZONE)
                        .addValue("ordersPlaced", report.ordersPlaced())
                        .addValue("itemsSold", report.itemsSold())
                        .addValue("revenue", report.revenue())
                        .addValue("ordersCancelled", report.ordersCancelled()))
                .update();
    }

    private Optional<ProductReport> selectForUpdate(long productId) {
        return jdbc.sql(SELECT + " WHERE product_id = ? FOR UPDATE").param(productId)
                .query(JdbcProductReports::report).optional();
    }

    /**
     * Inserts an empty report, locked by this transaction until it ends. False when another transaction has just
     * created it: the insert then waits for that one to commit and fails on the primary key, and only the savepoint
     * around it is rolled back, not the transaction applying the event.
     */
    private boolean created(long productId) {
        try {
            savepoint.executeWithoutResult(status -> jdbc.sql("""
                            INSERT INTO product_report (product_id, orders_placed, items_sold, revenue)
                            VALUES (?, 0, 0, 0)""")
                    .param(productId).update());
            return true;
        } catch (DuplicateKeyException createdMeanwhile) {
            return false;
        }
    }

    private static ProductReport report(ResultSet row, int rowNumber) throws SQLException {
        long version = row.getLong("version");
        ProductDetails details = row.wasNull() ? null : new ProductDetails(version, row.getString("name"),
                row.getInt("price"), row.getString("status"),
                row.getObject("status_changed_at", OffsetDateTime.class).toInstant());
        return new ProductReport(row.getLong("product_id"), details, row.getLong("orders_placed"),
                row.getLong("items_sold"), row.getLong("revenue"), row.getLong("orders_cancelled"));
    }
}
