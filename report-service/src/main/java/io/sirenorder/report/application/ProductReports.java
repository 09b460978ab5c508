package io.sirenorder.report.application;

import io.sirenorder.report.domain.ProductReport;
import java.util.List;
import java.util.Optional;

/** Where the reports are kept. */
public interface ProductReports {

    Optional<ProductReport> findById(long productId);

    /** Every report, by product id. */
    List<ProductReport> findAll();

    /**
     * The report of {@code productId}, locked until the transaction ends, so that events of one product applied at
     * the same time (from the two topics, or by two instances) wait for each other instead of overwriting each
     * other's changes. A product not heard of before gets an empty report.
     */
    ProductReport lock(long productId);

    /** Stores the new state of a report locked in this transaction. */
    void update(ProductReport report);
}
