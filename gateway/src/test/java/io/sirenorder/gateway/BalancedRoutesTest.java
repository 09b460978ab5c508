package io.sirenorder.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import io.sirenorder.testing.security.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The gateway in front of services with two instances each, as {@code ./siren up --replicas 2} runs them: every
 * request is carried out while an instance is down, stopped or not ready, and a request that may have been carried
 * out already is never sent twice. Product's second instance never listens and report's drops every request; neither
 * is health-checked (an empty health-check path), so that their turns keep coming and the requests that get them show
 * what is tried again. Order's instances are checked as in production. Auth has a single URL.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
@AutoConfigureWebTestClient
@TestInstance(Lifecycle.PER_CLASS)
class BalancedRoutesTest {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final int REQUESTS = 10;

    static final StubBackend product = StubBackend.start("product");
    static final String productNeverUp = StubBackend.downUrl();
    static final StubBackend order1 = StubBackend.start("order-1");
    static final int order2Port = StubBackend.freePort();
    static StubBackend order2 = StubBackend.startOn("order-2", order2Port);
    static final StubBackend report1 = StubBackend.start("report-1");
    static final StubBackend report2 = StubBackend.start("report-2");
    static final StubBackend notification1 = StubBackend.start("notification-1");
    static final StubBackend notification2 = StubBackend.start("notification-2");
    static final StubBackend auth = StubBackend.start("auth");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("siren.services.product", () -> product.url() + "," + productNeverUp);
        registry.add("siren.services.order", () -> order1.url() + ",http://127.0.0.1:" + order2Port);
        registry.add("siren.services.report", () -> report1.url() + "," + report2.url());
        registry.add("siren.services.notification", () -> notification1.url() + "," + notification2.url());
        registry.add("siren.services.auth", auth::url);
        registry.add("spring.cloud.loadbalancer.health-check.path.product", () -> "");
        registry.add("spring.cloud.loadbalancer.health-check.path.report", () -> "");
        // these tests are about each request on its own: the breakers stay closed (GatewayCircuitBreakerTest)
        registry.add("siren.circuit-breaker.minimum-number-of-calls", () -> 1000);
        registry.add("siren.circuit-breaker.sliding-window-size", () -> 1000);
    }

    static final TestIssuer issuer = TestIssuer.get();

    @Autowired
    WebTestClient client;

    @Autowired
    RouteLocator routes;

    @LocalServerPort
    int port;

    @BeforeEach
    void everyInstanceUpAndReady() {
        if (order2 == null) {
            order2 = StubBackend.startOn("order-2", order2Port);
        }
        backends().forEach(StubBackend::reset);
        report2.dropConnections();
        // and the load balancer knows it: both order instances take requests (after a test that made them unready)
        await().atMost(BOUND).until(() -> {
            client.get().uri("/menu").exchange();
            return order1.receivedCount() > 0 && order2.receivedCount() > 0;
        });
        order1.reset();
        order2.reset();
    }

    @AfterAll
    void stopBackends() {
        backends().forEach(StubBackend::stop);
    }

    private static Stream<StubBackend> backends() {
        return Stream.of(product, order1, order2, report1, report2, notification1, notification2, auth);
    }

    @Test
    void everyRequestIsCarriedOutOnceWhileOneInstanceRefusesConnections() throws InterruptedException {
        String json = "{\"price\":3500}";
        for (int i = 0; i < REQUESTS; i++) {
            send(HttpMethod.POST, "/products", json, issuer.clerk()).expectStatus().isOk();
            send(HttpMethod.GET, "/products/1", null, issuer.clerk()).expectStatus().isOk();
        }

        assertThat(product.receivedCount()).isEqualTo(2 * REQUESTS);
        for (int i = 0; i < 2 * REQUESTS; i++) {
            StubBackend.Received received = product.takeRequest();
            // the body a POST that was refused a connection first still arrives whole
            assertThat(received.body()).isEqualTo(received.method().equals("POST") ? json : "");
        }
    }

    @Test
    void aReadIsTriedAgainWhenAnInstanceDropsItButAWriteIsNot() {
        for (int i = 0; i < REQUESTS; i++) {
            send(HttpMethod.GET, "/reports", null, issuer.clerk()).expectStatus().isOk()
                    .expectBody(String.class).isEqualTo("report-1");
        }
        assertThat(report2.receivedCount()).as("reads that report-2 dropped").isPositive();
        report1.reset();
        report2.reset();
        report2.dropConnections();

        int badGateways = 0;
        for (int i = 0; i < REQUESTS; i++) {
            int status = send(HttpMethod.POST, "/reports", "{}", issuer.clerk()).returnResult(String.class)
                    .getStatus().value();
            assertThat(status).isIn(200, 502);
            badGateways += status == 502 ? 1 : 0;
        }

        // report-2 may have carried out each write it dropped: each was answered 502, and none was sent again
        assertThat(badGateways).isPositive().isEqualTo(report2.receivedCount());
        assertThat(report1.receivedCount()).isEqualTo(REQUESTS - badGateways);
    }

    @Test
    void anInstanceThatIsNotReadyGetsNoNewRequestsUntilItIsReadyAgain() {
        order2.ready(false);

        await().atMost(BOUND).until(() -> {
            int before = order2.receivedCount();
            readMenuTimes(REQUESTS);
            return order2.receivedCount() == before;
        });
        order2.ready(true);

        await().atMost(BOUND).until(() -> {
            readMenuTimes(2);
            return order2.receivedCount() > 0;
        });
    }

    @Test
    void anInstanceStoppedWhileRequestsKeepComingCostsNone() {
        order2.stop();
        order2 = null;

        for (int i = 0; i < REQUESTS; i++) {
            send(HttpMethod.POST, "/orders", "{\"productId\":1}", issuer.customer("kim")).expectStatus().isOk()
                    .expectBody(String.class).isEqualTo("order-1");
            send(HttpMethod.GET, "/menu", null, null).expectStatus().isOk();
        }

        assertThat(order1.receivedCount()).isEqualTo(2 * REQUESTS);
    }

    @Test
    void withNoInstanceReadyEachIsStillAskedAsASingleUrlWouldBe() {
        order1.ready(false);
        order2.ready(false);
        int checked = order1.readinessChecks();

        // two rounds of checks later, the last one certainly saw both not ready
        await().atMost(BOUND).until(() -> order1.readinessChecks() >= checked + 2);

        readMenuTimes(REQUESTS);
        assertThat(order1.receivedCount()).isPositive();
        assertThat(order2.receivedCount()).isPositive();
    }

    @Test
    void whenEveryInstanceOnOfferHasFailedARequestTheServiceIsUnavailable() {
        // order-2 alone is ready, and drops every request; order-1 is not ready, so not on offer
        order1.ready(false);
        order2.dropConnections();

        await().atMost(BOUND).until(() -> client.get().uri("/menu").exchange().returnResult(String.class)
                .getStatus().value() == 503);

        send(HttpMethod.GET, "/menu", null, null)
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("The order service is unavailable.")
                .jsonPath("$.instance").isEqualTo("/menu");
    }

    @Test
    void aStreamStillReachesTheClientAsItComes() throws Exception {
        for (StubBackend notification : List.of(notification1, notification2)) {
            notification.answer(200, "id:p0-1\nevent:product\ndata:{\"productId\":1}\n\n",
                    "Content-Type", "text/event-stream");
            notification.streamThenHold();
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        for (int i = 0; i < 2; i++) {
            HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/notifications/stream?customerId=kim"))
                    .header("Accept", "text/event-stream").build(), BodyHandlers.ofLines());
            try (Stream<String> lines = response.body()) {
                assertThat(response.statusCode()).isEqualTo(200);
                String firstData = CompletableFuture.supplyAsync(() -> lines.filter(line -> line.startsWith("data:"))
                        .findFirst().orElseThrow()).get(BOUND.toSeconds(), TimeUnit.SECONDS);
                assertThat(firstData).isEqualTo("data:{\"productId\":1}");
            }
        }

        assertThat(notification1.receivedCount() + notification2.receivedCount()).isEqualTo(2);
    }

    @Test
    void aServiceWithASingleUrlIsProxiedStraightToItAndNeverChecked() {
        Map<String, URI> uris = routes.getRoutes().collect(Collectors.toMap(Route::getId, Route::getUri)).block();

        assertThat(uris).containsEntry("auth", URI.create(auth.url()))
                .containsEntry("order", URI.create("lb://order"))
                .containsEntry("notification", URI.create("lb://notification"));
        send(HttpMethod.GET, "/login", null, null).expectStatus().isOk().expectBody(String.class).isEqualTo("auth");
        await().atMost(BOUND).until(() -> order1.readinessChecks() > 0);
        assertThat(auth.readinessChecks()).isZero();
    }

    private void readMenuTimes(int times) {
        for (int i = 0; i < times; i++) {
            send(HttpMethod.GET, "/menu", null, null).expectStatus().isOk();
        }
    }

    private WebTestClient.ResponseSpec send(HttpMethod method, String path, String json, String token) {
        return client.method(method).uri(path)
                .headers(headers -> {
                    if (token != null) {
                        headers.setBearerAuth(token);
                    }
                    if (json != null) {
                        headers.setContentType(MediaType.APPLICATION_JSON);
                    }
                })
                .body(json == null ? BodyInserters.empty() : BodyInserters.fromValue(json))
                .exchange();
    }
}
