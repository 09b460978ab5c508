package io.sirenorder.report.application;

import io.sirenorder.report.domain.ProductReport;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** What the clerks ask of the reports. Each answer is a single read, so it needs no transaction of its own. */
@Service
public class ReportQueries {

    private final ProductReports reports;

    public ReportQueries(ProductReports reports) {
        this.reports = reports;
    }

    /** Every report, by product id. */
    public List<ProductReport> all() {
        return reports.findAll();
    }

    public Optional<ProductReport> ofProduct(long productId) {
        return reports.findById(productId);
    }
}
