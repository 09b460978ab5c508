package io.sirenorder.product.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sirenorder.testing.metrics.PrometheusScrape;
import io.sirenorder.testing.security.NetworkAddress;
import io.sirenorder.testing.security.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** Who may do what with the catalogue: anyone reads it, clerks keep it, an order's customer checks it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 3)
class ProductSecurityTest {

    private static final TestIssuer ISSUER = TestIssuer.get();
    private static final String PRODUCT = "{\"price\":3500,\"status\":\"Available\"}";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anyoneReadsTheCatalogue() {
        long id = registeredProduct();

        assertThat(send("GET", "/products", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/products/" + id, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyAClerkRegistersOrChangesAProductAndNothingIsStoredOtherwise() {
        long id = registeredProduct();
        long before = productCount();

        HttpResponse<String> anonymous = send("POST", "/products", PRODUCT, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(anonymous.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(anonymous.body()).contains("\"status\":401").contains("access token");

        HttpResponse<String> customer = send("POST", "/products", PRODUCT, ISSUER.customer("alice"));
        assertThat(customer.statusCode()).isEqualTo(403);
        assertThat(customer.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(send("PATCH", "/products/" + id, "{\"price\":1}", ISSUER.customer("alice")).statusCode())
                .isEqualTo(403);
        assertThat(productCount()).isEqualTo(before);
        assertThat(send("GET", "/products/" + id, null, null).body()).contains("\"price\":3500");
    }

    @Test
    void aCustomerOrAClerkChecksAvailabilityButNotAStranger() {
        long id = registeredProduct();

        assertThat(send("GET", "/products/" + id + "/availability", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/products/" + id + "/availability", null, ISSUER.customer("alice")).statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/products/" + id + "/availability", null, ISSUER.clerk()).statusCode())
                .isEqualTo(200);
        // the seed's check says no more than the product's detail
        assertThat(send("GET", "/products/checkProduct?productId=" + id, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenThatIsNotGoodIsRefusedEvenWhereAnyoneMayRead() {
        for (String bad : new String[] {ISSUER.expired("clerk", "clerk"), ISSUER.signedByAnotherKey("clerk", "clerk"),
                ISSUER.fromAnotherIssuer("clerk", "clerk"), ISSUER.tampered("alice"), ISSUER.unsigned("clerk", "clerk"),
                "not-a-token"}) {
            assertThat(send("POST", "/products", PRODUCT, bad).statusCode()).as(bad).isEqualTo(401);
            assertThat(send("GET", "/products", null, bad).statusCode()).as(bad).isEqualTo(401);
        }
    }

    @Test
    void actuatorsHealthAnswersAnyoneItsOtherEndpointsThisMachineOnly() {
        String network = NetworkAddress.ofThisMachine().orElse(null);
        assumeTrue(network != null, "this machine has no address but loopback");

        assertThat(send(network, "GET", "/actuator/health/readiness", null, null).statusCode()).isEqualTo(200);
        assertThat(send(network, "GET", "/actuator/metrics", null, ISSUER.clerk()).statusCode()).isEqualTo(403);
        assertThat(send(network, "GET", "/actuator/metrics", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/actuator/metrics", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void prometheusScrapesFromThisMachineWithoutATokenAndFromNowhereElse() {
        registeredProduct();

        PrometheusScrape scrape = PrometheusScrape.of("127.0.0.1", port);
        assertThat(scrape.isPrometheusText()).as(scrape.body()).isTrue();
        assertThat(scrape.sampleNames()).contains("siren_outbox_append_seconds_count", "siren_outbox_lag_seconds_count",
                "http_server_requests_seconds_count");
        NetworkAddress.ofThisMachine().ifPresent(network ->
                assertThat(PrometheusScrape.of(network, port).status()).isEqualTo(401));
    }

    private long registeredProduct() {
        HttpResponse<String> registered = send("POST", "/products", PRODUCT, ISSUER.clerk());
        assertThat(registered.statusCode()).isEqualTo(201);
        return Long.parseLong(registered.body().replaceAll(".*\"id\":(\\d+).*", "$1"));
    }

    private long productCount() {
        return jdbc.sql("SELECT COUNT(*) FROM product").query(Long.class).single();
    }

    private HttpResponse<String> send(String method, String path, String body, String token) {
        return send("127.0.0.1", method, path, body, token);
    }

    private HttpResponse<String> send(String host, String method, String path, String body, String token) {
        var request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("request failed: " + method + " " + path, e);
        }
    }
}
