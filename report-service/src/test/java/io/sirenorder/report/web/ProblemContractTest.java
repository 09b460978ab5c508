package io.sirenorder.report.web;

import io.sirenorder.problems.ProblemContract;
import io.sirenorder.testing.security.TestIssuer;
import io.sirenorder.report.ReportServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Report's errors in the body every service answers with (see siren-problems); report reads no request bodies. */
@ReportServiceTest
class ProblemContractTest {

    @LocalServerPort
    int port;

    @Test
    void anUnsupportedMethodIsAMethodNotAllowed() {
        new ProblemContract(port, TestIssuer.get().clerk()).send("POST", "/reports").isProblem("""
                {"type":"about:blank","title":"Method Not Allowed","status":405,
                 "detail":"Method 'POST' is not supported.","instance":"/reports"}""");
    }

    @Test
    void aProductWithoutAReportIsNotFound() {
        new ProblemContract(port, TestIssuer.get().clerk()).send("GET", "/reports/latte").isProblem("""
                {"type":"about:blank","title":"Not Found","status":404,
                 "detail":"There is no report for product 'latte'.","instance":"/reports/latte"}""");
    }
}
