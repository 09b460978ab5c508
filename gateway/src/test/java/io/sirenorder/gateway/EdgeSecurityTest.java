package io.sirenorder.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import io.sirenorder.testing.metrics.PrometheusScrape;
import io.sirenorder.testing.security.NetworkAddress;
import io.sirenorder.testing.security.TestIssuer;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
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
 * Who may do what, at the door: what anyone may, what only a clerk or a customer may, and the tokens the gateway
 * refuses, each before the request reaches a service; the notification stream's token in its query; the actuator
 * beyond health only from the gateway's own machine, and no way through it to a service's.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
@AutoConfigureWebTestClient
@TestInstance(Lifecycle.PER_CLASS)
class EdgeSecurityTest {

    static final TestIssuer issuer = TestIssuer.get();

    static final StubBackend product = StubBackend.start("product");
    static final StubBackend order = StubBackend.start("order");
    static final StubBackend report = StubBackend.start("report");
    static final StubBackend notification = StubBackend.start("notification");
    static final StubBackend auth = StubBackend.start("auth");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("siren.services.product", product::url);
        registry.add("siren.services.order", order::url);
        registry.add("siren.services.report", report::url);
        registry.add("siren.services.notification", notification::url);
        registry.add("siren.services.auth", auth::url);
    }

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @BeforeEach
    void resetBackends() {
        backends().forEach(StubBackend::reset);
    }

    @AfterAll
    void stopBackends() {
        backends().forEach(StubBackend::stop);
    }

    private static Stream<StubBackend> backends() {
        return Stream.of(product, order, report, notification, auth);
    }

    static Stream<Arguments> anyonesRequests() {
        return Stream.of(
                arguments("GET", "/menu", order),
                arguments("GET", "/menu/1", order),
                arguments("GET", "/products", product),
                arguments("GET", "/products/1", product),
                arguments("GET", "/products/checkProduct?productId=1", product),
                arguments("GET", "/notifications/stream", notification),
                arguments("GET", "/oauth2/authorize?response_type=code&client_id=web", auth),
                arguments("POST", "/oauth2/token", auth),
                arguments("GET", "/oauth2/jwks", auth),
                arguments("GET", "/login", auth),
                arguments("POST", "/login", auth),
                arguments("POST", "/logout", auth),
                arguments("GET", "/.well-known/openid-configuration", auth));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("anyonesRequests")
    void anyoneMayReadTheMenuAndTheCatalogueFollowTheStreamAndSignIn(String method, String uri, StubBackend backend)
            throws InterruptedException {
        client.method(HttpMethod.valueOf(method)).uri(URI.create("http://127.0.0.1:" + port + uri)).exchange()
                .expectStatus().isOk()
                // stateless: nothing to remember a caller by
                .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE)
                .expectBody(String.class).isEqualTo(backend.name());

        StubBackend.Received received = backend.takeRequest();
        assertThat(received.method()).isEqualTo(method);
        assertThat(received.uri()).isEqualTo(uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/clerk", "/clerk.html", "/customer.js", "/your-orders.js",
            "/clerk.js", "/queue.js", "/lifecycle.js", "/api.js", "/app.css"})
    void anyoneMayLoadTheWebApp(String path) {
        client.get().uri(path).exchange().expectStatus().isOk();
    }

    @Test
    void theActuatorsHealthIsAnyones() {
        client.get().uri("/actuator/health").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "POST,   /products",
            "PATCH,  /products/1",
            "PUT,    /products/1",
            "DELETE, /products/1",
            "GET,    /reports",
            "GET,    /reports/1",
            "POST,   /orders",
            "GET,    /orders",
            "GET,    /orders/1",
            "DELETE, /orders/1",
            "GET,    /products/1/availability",
            "GET,    /notifications/other"})
    void everythingElseNeedsABearerToken(String method, String path) {
        client.method(HttpMethod.valueOf(method)).uri(path)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("about:blank")
                .jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").isEqualTo("This needs a bearer token: sign in first.")
                .jsonPath("$.instance").isEqualTo(path);

        assertNothingReachedAService();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "POST,   /products,   product",
            "PATCH,  /products/1, product",
            "GET,    /reports,    report",
            "GET,    /reports/1,  report",
            "GET,    /orders,     order",
            "GET,    /orders/1,   order"})
    void aClerkKeepsTheCatalogueAndReadsTheReport(String method, String path, String service)
            throws InterruptedException {
        StubBackend backend = Stream.of(product, report, order).filter(b -> b.name().equals(service)).findFirst()
                .orElseThrow();
        String token = issuer.clerk();

        client.method(HttpMethod.valueOf(method)).uri(path)
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"price\":3500}")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo(service);

        // passed on, for the service to check again
        assertThat(backend.takeRequest().headers().getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + token);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "POST,   /products",
            "PATCH,  /products/1",
            "DELETE, /products/1",
            "GET,    /reports",
            "GET,    /reports/1"})
    void aCustomerMayNotKeepTheCatalogueNorReadTheReport(String method, String path) {
        assertForbidden(method, path, issuer.customer("lee"));
    }

    @Test
    void aCustomerOrdersAndReadsTheirOrders() throws InterruptedException {
        String token = issuer.customer("lee");
        client.post().uri("/orders")
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"productId\":1}")
                .exchange()
                .expectStatus().isOk();
        client.get().uri("/orders/7")
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus().isOk();

        assertThat(order.takeRequest().headers().getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + token);
        assertThat(order.takeRequest().uri()).isEqualTo("/orders/7");
    }

    @Test
    void aClerkDoesNotOrder() {
        assertForbidden("POST", "/orders", issuer.clerk());
    }

    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                arguments("expired", issuer.expired("lee", "customer")),
                arguments("signed by another key", issuer.signedByAnotherKey("lee", "customer")),
                arguments("from another issuer", issuer.fromAnotherIssuer("lee", "customer")),
                arguments("altered after signing", issuer.tampered("lee")),
                arguments("unsigned (alg: none)", issuer.unsigned("lee", "customer")),
                arguments("not a token at all", "not-a-jwt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aTokenThatIsNotGoodIsRefusedWith401(String what, String token) {
        for (String path : new String[] {"/orders", "/menu"}) {
            // also where no token is needed: a bad one is refused, not taken as none
            client.get().uri(path)
                    .headers(headers -> headers.setBearerAuth(token))
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE,
                            value -> assertThat(value).startsWith("Bearer error=\"invalid_token\""))
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.status").isEqualTo(401)
                    .jsonPath("$.detail").value(String.class,
                            detail -> assertThat(detail).startsWith("The bearer token was refused"))
                    .jsonPath("$.instance").isEqualTo(path);
        }
        // the clerk's role a customer gave themselves opens nothing
        client.get().uri("/reports").headers(headers -> headers.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized();
        assertNothingReachedAService();
    }

    @Test
    void theStreamTakesItsTokenInTheQueryAndPassesTheQueryOnUnchanged() throws InterruptedException {
        String token = issuer.customer("lee");
        String uri = "/notifications/stream?access_token=" + token + "&lastEventId=p0-13";
        client.get().uri(URI.create("http://127.0.0.1:" + port + uri)).exchange()
                .expectStatus().isOk();
        assertThat(notification.takeRequest().uri()).isEqualTo(uri);

        // a bad token there is read, and refused
        client.get().uri("/notifications/stream?access_token=" + issuer.expired("lee", "customer")).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(notification.receivedCount()).isZero();
    }

    @Test
    void noOtherRequestTakesItsTokenInTheQuery() {
        client.get().uri("/orders?access_token=" + issuer.customer("lee")).exchange()
                .expectStatus().isUnauthorized();
        // on a path anyone may read, a token there is not even looked at
        client.get().uri("/menu?access_token=" + issuer.expired("lee", "customer")).exchange()
                .expectStatus().isOk();
    }

    @Test
    void theActuatorBeyondHealthAnswersOnlyOnTheGatewaysOwnMachine() throws Exception {
        client.get().uri("/actuator/metrics").exchange().expectStatus().isOk();

        String network = NetworkAddress.ofThisMachine().orElse(null);
        assumeTrue(network != null, "this machine has no address but loopback");
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (String token : new String[] {null, issuer.clerk()}) {
                HttpRequest.Builder metrics = HttpRequest.newBuilder(
                        URI.create("http://" + network + ":" + port + "/actuator/metrics"));
                if (token != null) {
                    metrics.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
                }
                HttpResponse<String> refused = http.send(metrics.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).isEqualTo(403);
                assertThat(refused.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValueSatisfying(
                        type -> assertThat(type).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE));
                assertThat(refused.body()).contains("answer only on its own machine");
            }
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://" + network + ":" + port + "/actuator/health/liveness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void prometheusScrapesTheGatewaysOwnMetersOnItsOwnMachineAndNamesNoCustomerOrderOrToken() {
        String customer = "vic-metrics-8811";
        String token = issuer.customer(customer);
        // the order route's door and breaker are made by its first request
        client.get().uri("/orders/918273601").headers(headers -> headers.setBearerAuth(token)).exchange()
                .expectStatus().isOk();

        PrometheusScrape scrape = PrometheusScrape.of("127.0.0.1", port);

        assertThat(scrape.isPrometheusText()).as(scrape.body()).isTrue();
        assertThat(scrape.sampleNames()).contains("siren_admission_limit", "siren_admission_inflight",
                "siren_admission_queued", "siren_admission_shed_total", "siren_rate_limit_clients",
                "http_client_requests_seconds_count");
        assertThat(scrape.sum("resilience4j_circuitbreaker_state", "name=\"order\"", "state=\"closed\"")).isEqualTo(1);
        assertThat(scrape.labelValues()).allSatisfy(value -> assertThat(value).doesNotContain(customer)
                .doesNotContain("918273601").doesNotContain(token));
        assertNothingReachedAServiceBut(order);
        NetworkAddress.ofThisMachine().ifPresent(network ->
                assertThat(PrometheusScrape.of(network, port).status()).isEqualTo(403));
    }

    /**
     * A service answers its actuator to its own machine, where the gateway runs beside it locally: no path through
     * the gateway may lead there, however it is spelled. Sent byte for byte, as no client library would normalize
     * it, from the gateway's own machine, with a token and without.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/orders/../actuator/prometheus", "/menu/../actuator/prometheus",
            "/products/../actuator/prometheus", "/reports/../actuator/prometheus",
            "/notifications/../actuator/prometheus", "/oauth2/../actuator/prometheus",
            "/.well-known/../actuator/prometheus", "/orders/x/../../actuator/prometheus",
            "/orders/./../actuator/prometheus", "/orders//../../actuator/prometheus",
            "/orders/%2e%2e/actuator/prometheus", "/orders/%2E%2E/actuator/prometheus",
            "/orders/.%2e/actuator/prometheus", "/orders/..%2factuator%2fprometheus",
            "/orders/%2e%2e%2factuator%2fprometheus", "/orders/..%5cactuator%5cprometheus",
            "/orders/%252e%252e/actuator/prometheus", "/orders/..;/actuator/prometheus",
            "/orders;/../actuator/prometheus", "/orders/%00/../actuator/prometheus"})
    void noPathThroughTheGatewayLeadsToAServicesActuator(String path) throws Exception {
        for (String token : new String[] {null, issuer.clerk()}) {
            assertThat(statusLineOf(path, token)).as(path).startsWith("HTTP/1.1 400 ");
        }

        assertNothingReachedAService();
    }

    /** The status line the gateway answers {@code GET path}, sent exactly as given. */
    private String statusLineOf(String path, String token) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "Connection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst()
                    .orElse("");
        }
    }

    private void assertForbidden(String method, String path, String token) {
        client.method(HttpMethod.valueOf(method)).uri(path)
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE,
                        value -> assertThat(value).startsWith("Bearer error=\"insufficient_scope\""))
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("about:blank")
                .jsonPath("$.title").isEqualTo("Forbidden")
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.detail").isEqualTo("Your role may not do this.")
                .jsonPath("$.instance").isEqualTo(path);

        assertNothingReachedAService();
    }

    private static void assertNothingReachedAService() {
        backends().forEach(backend -> assertThat(backend.receivedCount()).as(backend.name()).isZero());
    }

    private static void assertNothingReachedAServiceBut(StubBackend expected) {
        backends().filter(backend -> backend != expected)
                .forEach(backend -> assertThat(backend.receivedCount()).as(backend.name()).isZero());
    }
}
