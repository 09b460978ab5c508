package io.sirenorder.report;

import static io.sirenorder.report.ReportClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.sirenorder.testing.security.TestIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** What the HTTP API answers to requests it cannot serve. */
@ReportServiceTest
class ReportApiTest {

    @Autowired
    ReportClient client;

    @ParameterizedTest
    @ValueSource(strings = {"999", "abc", "-1", "99999999999999999999"})
    void aProductWithoutAReportIsANotFoundProblem(String productId) throws Exception {
        ReportClient.Response response = client.get("/reports/" + productId);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.body()).isEqualTo(json("""
                {"type":"about:blank","title":"Not Found","status":404,
                 "detail":"There is no report for product '%s'.","instance":"/reports/%s"}"""
                .formatted(productId, productId)));
    }

    @Test
    void anUnsupportedMethodIsAMethodNotAllowedProblem() throws Exception {
        ReportClient.Response response = client.send("POST", "/reports");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.body().get("title").asString()).isEqualTo("Method Not Allowed");
        assertThat(response.body().get("detail").asString()).contains("POST");
    }

    @Test
    void theReportsAreTheClerksAlone() throws Exception {
        ReportClient.Response anonymous = client.send("GET", "/reports", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).isEqualTo("application/problem+json");

        ReportClient.Response customer = client.send("GET", "/reports", TestIssuer.get().customer("ada"));
        assertThat(customer.status()).isEqualTo(403);
        assertThat(customer.contentType()).isEqualTo("application/problem+json");

        assertThat(client.get("/reports").status()).isEqualTo(200);
    }

    @Test
    void theServiceIsReady() throws Exception {
        ReportClient.Response response = client.get("/actuator/health/readiness");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("status").asString()).isEqualTo("UP");
    }
}
