package io.sirenorder.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.jayway.jsonpath.JsonPath;
import io.sirenorder.testing.security.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The order service dies and comes back: the gateway's breaker for its route opens after enough failed calls, answers
 * at once without trying the service while open, half-opens after its wait and closes again once calls succeed. The
 * other routes, and the gateway's readiness, are untouched throughout.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
@AutoConfigureWebTestClient
@TestInstance(Lifecycle.PER_CLASS)
class GatewayCircuitBreakerTest {

    // shorter than in production (5 s), to keep the test quick; long enough for the open-state checks below
    private static final Duration WAIT_IN_OPEN_STATE = Duration.ofSeconds(2);
    private static final int MINIMUM_NUMBER_OF_CALLS = 5;
    private static final Duration PROMPTLY = Duration.ofMillis(500);

    static final int orderPort = StubBackend.freePort();
    static final StubBackend product = StubBackend.start("product");
    static final StubBackend report = StubBackend.start("report");
    static StubBackend order; // down until the test brings it back

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("siren.services.product", product::url);
        registry.add("siren.services.order", () -> "http://127.0.0.1:" + orderPort);
        registry.add("siren.services.report", report::url);
        registry.add("siren.circuit-breaker.wait-duration-in-open-state", WAIT_IN_OPEN_STATE::toString);
        registry.add("siren.circuit-breaker.minimum-number-of-calls", () -> MINIMUM_NUMBER_OF_CALLS);
    }

    static final String clerk = TestIssuer.get().clerk();

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @BeforeEach
    void resetBackends() {
        client = client.mutate().defaultHeaders(headers -> headers.setBearerAuth(clerk)).build();
        Stream.of(product, report).forEach(StubBackend::reset);
    }

    @AfterAll
    void stopBackends() {
        Stream.of(product, report, order).filter(b -> b != null).forEach(StubBackend::stop);
    }

    @Test
    void opensOnADeadServiceAnswersAtOnceWhileOpenAndClosesWhenItIsBack() {
        // the service is down: each call fails on its own, and is counted
        for (int i = 0; i < MINIMUM_NUMBER_OF_CALLS; i++) {
            client.get().uri("/orders").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.detail").isEqualTo("The order service is unavailable.");
        }
        assertBreakerState("order", "OPEN");

        // back, but the open breaker does not let a call through to find out before its wait is over
        order = StubBackend.startOn("order", orderPort);
        long start = System.nanoTime();
        client.post().uri("/orders").headers(headers -> headers.setBearerAuth(TestIssuer.get().customer("lee")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"productId\":1}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, WAIT_IN_OPEN_STATE.toSeconds())
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("about:blank")
                .jsonPath("$.title").isEqualTo("Service Unavailable")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").isEqualTo("The order service is unavailable (circuit open).")
                .jsonPath("$.instance").isEqualTo("/orders");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
        assertThat(order.receivedCount()).as("requests that reached the order service").isZero();
        assertBreakerState("order", "OPEN");
        assertMetric("resilience4j.circuitbreaker.state?tag=name:order&tag=state:open", 1.0);
        client.get().uri("/actuator/metrics/resilience4j.circuitbreaker.not.permitted.calls?tag=name:order")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.measurements[0].value").value(Double.class,
                        count -> assertThat(count).isGreaterThanOrEqualTo(1.0));

        // the other routes are unaffected, and the gateway stays ready
        client.get().uri("/products").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("product");
        client.get().uri("/reports").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("report");
        assertBreakerState("product", "CLOSED");
        assertBreakerState("report", "CLOSED");
        assertReady();

        // after the wait the breaker half-opens by itself, and its probes succeed: closed again, no manual step
        await().atMost(WAIT_IN_OPEN_STATE.plusSeconds(10)).until(() -> {
            client.get().uri("/menu").exchange().expectBody().returnResult(); // 503 until half-open, then 200
            return breakerState("order").equals("CLOSED");
        });
        client.get().uri("/menu").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("order");
        assertMetric("resilience4j.circuitbreaker.state?tag=name:order&tag=state:closed", 1.0);
        assertThat(order.receivedCount()).isGreaterThanOrEqualTo(3);
        assertReady();
    }

    @Test
    void aBackendsOwnErrorsDoNotCountAgainstIt() {
        // a service that answers, even with 5xx, is reachable: its answers pass through and the breaker stays closed
        report.answer(500, "{\"status\":500}", "Content-Type", "application/problem+json");
        for (int i = 0; i < 2 * MINIMUM_NUMBER_OF_CALLS; i++) {
            client.get().uri("/reports/1").exchange().expectStatus().isEqualTo(500);
        }
        report.answer(404, "", "Content-Type", "text/plain");
        client.get().uri("/reports/2").exchange().expectStatus().isNotFound();
        report.reset();

        assertBreakerState("report", "CLOSED");
        client.get().uri("/reports").exchange().expectStatus().isOk();
    }

    @Test
    void resilience4jsOwnTimeLimiterDoesNotCutInBeforeTheRoutesResponseTimeout() {
        // Resilience4j's default time limit is 1 s; the route allows 3 s
        report.hang();
        CompletableFuture.runAsync(report::reset, CompletableFuture.delayedExecutor(1500, TimeUnit.MILLISECONDS));

        client.get().uri("/reports").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("report");
    }

    @Test
    void refusesNoneOfManyConcurrentCallsToASlowRoute() throws Exception {
        // Spring Cloud's default bulkhead would refuse the 26th concurrent call to a route: here those beyond the
        // route's admission limit wait at the door, and every call is answered once the service answers
        int concurrentCalls = 40;
        report.hang();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int i = 0; i < concurrentCalls; i++) {
                responses.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/reports"))
                        .header("Authorization", "Bearer " + clerk).build(), HttpResponse.BodyHandlers.ofString()));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> report.receivedCount()
                    + metric("siren.admission.queued?tag=route:report") == concurrentCalls);
            report.reset();
            for (CompletableFuture<HttpResponse<String>> response : responses) {
                assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        }
    }

    private double metric(String query) {
        String body = client.get().uri("/actuator/metrics/" + query).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return JsonPath.<Double>read(body, "$.measurements[0].value");
    }

    private String breakerState(String route) {
        String health = client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return JsonPath.read(health, "$.components.circuitBreakers.details." + route + ".state");
    }

    private void assertBreakerState(String route, String state) {
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.circuitBreakers.details." + route + ".state").isEqualTo(state);
    }

    private void assertMetric(String query, double value) {
        client.get().uri("/actuator/metrics/" + query).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.measurements[0].value").isEqualTo(value);
    }

    private void assertReady() {
        client.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }
}
