package io.sirenorder.report.application;

import io.sirenorder.report.domain.ProductDetails;
import io.sirenorder.report.domain.ProductReport;
import io.sirenorder.report.domain.Sale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds the reports from what the catalogue and the orders tell. News is delivered at least once, so each is applied
 * in one transaction together with what makes it idempotent (the product version held, the counted order id):
 * a repeated or stale event changes nothing.
 */
@Service
public class ReportProjection {

    private static final Logger log = LoggerFactory.getLogger(ReportProjection.class);

    private final ProductReports reports;
    private final CountedOrders countedOrders;

    public ReportProjection(ProductReports reports, CountedOrders countedOrders) {
        this.reports = reports;
        this.countedOrders = countedOrders;
    }

    /** Takes in the product's new description, unless the report already holds this version or a newer one. */
    @Transactional
    public void describe(long productId, ProductDetails details) {
        ProductReport report = reports.lock(productId);
        report.describedBy(details).ifPresentOrElse(reports::update,
                () -> log.debug("Product {} version {} ignored: version {} already applied",
                        productId, details.version(), report.details().version()));
    }

    /** Counts the order in its product's report, unless it was counted before. */
    @Transactional
    public void count(Sale order) {
        // The report's lock comes first: it makes two deliveries of one order wait for each other, so the second
        // always sees the first one's mark.
        ProductReport report = reports.lock(order.productId());
        if (!countedOrders.markCounted(order.orderId())) {
            log.debug("Order {} ignored: already counted", order.orderId());
            return;
        }
        reports.update(report.withOrder(order.quantity(), order.unitPrice()));
        // with its order's trace id, as every line logged while applying an event: where an order went is findable
        log.debug("Order {} counted in the report of product {}", order.orderId(), order.productId());
    }
}
