package io.sirenorder.report.web;

import io.sirenorder.report.application.ReportQueries;
import io.sirenorder.report.domain.ProductReport;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The clerks' reports, read-only: {@code GET /reports} and {@code GET /reports/{productId}}. */
@RestController
@RequestMapping("/reports")
class ReportController {

    // At most 18 digits: always fits in a long. Anything else names no product, so it is a 404 rather than a 400.
    private static final Pattern PRODUCT_ID = Pattern.compile("[0-9]{1,18}");

    private final ReportQueries queries;

    ReportController(ReportQueries queries) {
        this.queries = queries;
    }

    /** Every product's report, by product id. */
    @GetMapping
    List<ReportResponse> all() {
        return queries.all().stream().map(ReportResponse::of).toList();
    }

    @GetMapping("/{productId}")
    ReportResponse one(@PathVariable String productId) {
        Optional<ProductReport> report = PRODUCT_ID.matcher(productId).matches()
                ? queries.ofProduct(Long.parseLong(productId))
                : Optional.empty();
        return report.map(ReportResponse::of).orElseThrow(() -> noReport(productId));
    }

    private static ErrorResponseException noReport(String productId) {
        return new ErrorResponseException(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "There is no report for product '" + productId + "'."), null);
    }
}
