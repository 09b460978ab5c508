package io.sirenorder.report.web;

import io.sirenorder.report.domain.ProductDetails;
import io.sirenorder.report.domain.ProductReport;
import java.time.Instant;

/**
 * One product's report. {@code ordersPlaced}, {@code itemsSold} and {@code revenue} count the orders not cancelled,
 * {@code ordersCancelled} the cancelled ones (last, after the fields clients read before it existed). For a product
 * known only from its orders so far, {@code price}, {@code status}, {@code statusChangedAt} and {@code version} are
 * null.
 */
record ReportResponse(long productId, String name, Integer price, String status, Instant statusChangedAt,
                      long ordersPlaced, long itemsSold, long revenue, Long version, long ordersCancelled) {

    static ReportResponse of(ProductReport report) {
        ProductDetails details = report.details();
        boolean described = details != null;
        return new ReportResponse(report.productId(), report.displayName(),
                described ? details.price() : null,
                described ? details.status() : null,
                described ? details.statusChangedAt() : null,
                report.ordersPlaced(), report.itemsSold(), report.revenue(),
                described ? details.version() : null,
                report.ordersCancelled());
    }
}
