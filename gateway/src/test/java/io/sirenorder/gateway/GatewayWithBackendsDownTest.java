package io.sirenorder.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import io.sirenorder.security.Roles;
import io.sirenorder.testing.security.TestIssuer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway with no backend to talk to: it still answers promptly, and is still live and ready. Product and
 * order are down (connections refused); report is wedged (connections never accepted), which only the gateway's
 * connect timeout cuts short.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
@AutoConfigureWebTestClient
@TestInstance(Lifecycle.PER_CLASS)
class GatewayWithBackendsDownTest {

    private static final Duration PROMPTLY = Duration.ofMillis(500);

    static final UnacceptingListener wedgedReport = new UnacceptingListener();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("siren.services.product", StubBackend::downUrl);
        registry.add("siren.services.order", StubBackend::downUrl);
        registry.add("siren.services.report", wedgedReport::url);
        // these tests are about each failed call on its own: the breakers stay closed (GatewayCircuitBreakerTest)
        registry.add("siren.circuit-breaker.minimum-number-of-calls", () -> 1000);
        registry.add("siren.circuit-breaker.sliding-window-size", () -> 1000);
    }

    @AfterAll
    void stopListener() throws IOException {
        wedgedReport.stop();
    }

    @Autowired
    WebTestClient client;

    @Autowired
    HttpClientProperties proxyClient;

    @BeforeAll
    void warmUp() {
        // The first request through a fresh JVM pays for class loading and connection set-up, which is not what
        // the timings below are about.
        client.get().uri("/products").exchange().expectStatus().isEqualTo(503);
    }

    @ParameterizedTest
    @CsvSource({
            "GET,    /products/1,  product, clerk",
            "PATCH,  /products/1,  product, clerk",
            "POST,   /orders,      order,   customer",
            "GET,    /menu,        order,   customer",
            "DELETE, /orders/1,    order,   customer"})
    void answersA503ProblemWithRetryAfterWhenABackendIsDown(HttpMethod method, String path, String service,
            String role) {
        Duration elapsed = assertUnavailable(method, path, service, role);

        assertThat(elapsed).isLessThan(PROMPTLY);
    }

    @Test
    void answersA503ProblemWithinTheConnectTimeoutWhenABackendAcceptsNoConnections() {
        Duration connectTimeout = Duration.ofMillis(proxyClient.getConnectTimeout());

        Duration elapsed = assertUnavailable(HttpMethod.GET, "/reports", "report", Roles.CLERK);

        assertThat(elapsed).isBetween(connectTimeout, connectTimeout.plus(PROMPTLY));
    }

    private Duration assertUnavailable(HttpMethod method, String path, String service, String role) {
        String token = TestIssuer.get().token("kim", role);
        long start = System.nanoTime();
        client.method(method).uri(path + "?x=1")
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("about:blank")
                .jsonPath("$.title").isEqualTo("Service Unavailable")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").isEqualTo("The " + service + " service is unavailable.")
                .jsonPath("$.instance").isEqualTo(path);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void isLiveAndReady() {
        for (String probe : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            client.get().uri(probe).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("UP");
        }
    }

    @Test
    void exposesInfoAndMetrics() {
        client.get().uri("/actuator/info").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.build.name").isEqualTo("gateway");
        // every proxied call is timed per route, failed ones included
        client.get().uri("/products").exchange().expectStatus().isEqualTo(503);
        client.get().uri("/actuator/metrics/http.client.requests?tag=spring.cloud.gateway.route.id:product").exchange()
                .expectStatus().isOk();
    }
}
