package io.sirenorder.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import io.sirenorder.testing.security.TestIssuer;
import java.net.URI;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway in front of four live backends: what goes in comes out, in both directions, the caller's token
 * included (a clerk's, unless a test says otherwise).
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
@AutoConfigureWebTestClient
@TestInstance(Lifecycle.PER_CLASS)
class GatewayRoutingTest {

    // shorter than in production, to keep the hanging-backend test quick
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(1);

    static final StubBackend product = StubBackend.start("product");
    static final StubBackend order = StubBackend.start("order");
    static final StubBackend report = StubBackend.start("report");
    static final StubBackend notification = StubBackend.start("notification");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("siren.services.product", product::url);
        registry.add("siren.services.order", order::url);
        registry.add("siren.services.report", report::url);
        registry.add("siren.services.notification", notification::url);
        for (String route : new String[] {"product", "order", "report"}) {
            registry.add("siren.timeouts." + route + ".response", () -> RESPONSE_TIMEOUT.toMillis());
        }
    }

    static final TestIssuer issuer = TestIssuer.get();
    static final String clerk = issuer.clerk();

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @BeforeAll
    void warmUp() {
        client = client.mutate().defaultHeaders(headers -> headers.setBearerAuth(clerk)).build();
        // The first request through a fresh JVM pays for class loading and connection set-up, which is not what
        // the timing of the hanging-backend test is about.
        client.get().uri("/products").exchange().expectStatus().isOk();
    }

    @BeforeEach
    void resetBackends() {
        Stream.of(product, order, report, notification).forEach(StubBackend::reset);
    }

    @AfterAll
    void stopBackends() {
        Stream.of(product, order, report, notification).forEach(StubBackend::stop);
    }

    static Stream<Arguments> routes() {
        return Stream.of(
                arguments("/products", product),
                arguments("/products/1", product),
                arguments("/products?status=Available&name=caf%C3%A9%20latte", product),
                arguments("/products/checkProduct?productId=1", product),
                arguments("/orders", order),
                arguments("/orders/1", order),
                arguments("/menu", order),
                arguments("/reports", report),
                arguments("/reports/1", report),
                arguments("/notifications/stream?customerId=kim&lastEventId=p0-13.o0-7", notification));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("routes")
    void routesEachPathWithItsQueryToItsService(String uri, StubBackend backend) throws InterruptedException {
        // a URI, not a template, so the test client sends the query exactly as written
        client.get().uri(URI.create("http://127.0.0.1:" + port + uri)).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo(backend.name());

        StubBackend.Received received = backend.takeRequest();
        assertThat(received.method()).isEqualTo("GET");
        assertThat(received.uri()).isEqualTo(uri);
        // the services check the token again
        assertThat(received.headers().getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + clerk);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
    void forwardsEveryMethodWithItsBody(String method) throws InterruptedException {
        String json = "{\"status\":\"SoldOut\"}";
        product.answer(200, json, "Content-Type", "application/json");

        client.method(HttpMethod.valueOf(method)).uri("/products/1?clerk=kim")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class).isEqualTo(json);

        StubBackend.Received received = product.takeRequest();
        assertThat(received.method()).isEqualTo(method);
        assertThat(received.uri()).isEqualTo("/products/1?clerk=kim");
        assertThat(received.headers().getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(received.headers().getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + clerk);
        assertThat(received.body()).isEqualTo(json);
    }

    @Test
    void passesCreatedWithItsLocationBack() throws InterruptedException {
        String created = "{\"id\":7,\"productId\":1,\"status\":\"Ordered\"}";
        order.answer(201, created, "Content-Type", "application/json", "Location", "/orders/7");

        client.post().uri("/orders")
                .headers(headers -> headers.setBearerAuth(issuer.customer("lee")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"productId\":1}")
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().location("/orders/7")
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class).isEqualTo(created);

        assertThat(order.takeRequest().body()).isEqualTo("{\"productId\":1}");
    }

    @Test
    void passesABackendsOwnProblemThroughUnchanged() {
        // the order service's answer when the product service is down: not to be confused with the gateway's own
        String problem = "{\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"product check failed\"}";
        order.answer(503, problem, "Content-Type", "application/problem+json", "Retry-After", "2");

        client.post().uri("/orders")
                .headers(headers -> headers.setBearerAuth(issuer.customer("lee")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"productId\":1}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "2")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).isEqualTo(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/productsX", "/order/1"})
    void answersAnUnroutedPathWithA404Problem(String path) {
        client.get().uri(path + "?x=1").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("about:blank")
                .jsonPath("$.title").isEqualTo("Not Found")
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.detail").isEqualTo("No route matches " + path + ".")
                .jsonPath("$.instance").isEqualTo(path);
    }

    @Test
    void answersA504ProblemWhenABackendDoesNotAnswerInTime() {
        report.hang();

        long start = System.nanoTime();
        client.get().uri("/reports").exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                // the backend may have acted on the request: no invitation to repeat it blindly
                .expectHeader().doesNotExist(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Gateway Timeout")
                .jsonPath("$.status").isEqualTo(504)
                .jsonPath("$.detail").isEqualTo("The report service did not answer in time.")
                .jsonPath("$.instance").isEqualTo("/reports");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(elapsed).isBetween(RESPONSE_TIMEOUT, RESPONSE_TIMEOUT.plusSeconds(1));
    }

    @Test
    void answersA502ProblemWhenABackendDropsTheConnection() {
        product.dropConnections();

        client.get().uri("/products/1").exchange()
                .expectStatus().isEqualTo(502)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Bad Gateway")
                .jsonPath("$.detail").isEqualTo("The product service closed the connection without answering.")
                .jsonPath("$.instance").isEqualTo("/products/1");
        assertThat(product.receivedCount()).as("tries of the read").isEqualTo(2);
    }

    @Test
    void aReadWhoseConnectionIsDroppedOnceIsAnsweredFromAFreshOne() {
        order.dropNextConnection();

        client.get().uri("/menu").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo(order.name());
        assertThat(order.receivedCount()).as("tries of the read").isEqualTo(2);
    }

    @Test
    void aWriteWhoseConnectionIsDroppedIsNotSentAgain() {
        order.dropNextConnection();

        client.post().uri("/orders").headers(headers -> headers.setBearerAuth(issuer.customer("lee")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"productId\": 1}")
                .exchange()
                .expectStatus().isEqualTo(502);
        // order may have stored it before the connection went: the customer is told, and it is not placed twice
        assertThat(order.receivedCount()).as("tries of the write").isEqualTo(1);
    }
}
