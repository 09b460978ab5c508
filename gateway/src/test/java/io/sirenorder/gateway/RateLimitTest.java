package io.sirenorder.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.jayway.jsonpath.JsonPath;
import io.sirenorder.testing.security.NetworkAddress;
import io.sirenorder.testing.security.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Each client's rate limit, held here at bursts of ten and a request every twenty seconds: a client that floods the gateway
 * is refused beyond it with {@code 429}, {@code Retry-After} and a problem body, on every route and before the
 * service is asked, while every other client is served as if nothing happened. A client is its token's subject,
 * or without a token its address; a request without a token from the gateway's own machine is not limited.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "siren.rate-limit.burst=" + RateLimitTest.BURST, "siren.rate-limit.requests-per-second=0.05"})
@AutoConfigureWebTestClient
@TestInstance(Lifecycle.PER_CLASS)
class RateLimitTest {

    static final int BURST = 10;
    private static final int FLOOD = 4 * BURST;
    private static final TestIssuer issuer = TestIssuer.get();

    static final StubBackend order = StubBackend.start("order");
    static final StubBackend auth = StubBackend.start("auth");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("siren.services.order", order::url);
        registry.add("siren.services.auth", auth::url);
    }

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void resetBackends() {
        Stream.of(order, auth).forEach(StubBackend::reset);
    }

    @AfterAll
    void stop() {
        http.close();
        Stream.of(order, auth).forEach(StubBackend::stop);
    }

    @Test
    void aClientThatFloodsIsRefusedWhileAnotherIsServed() throws Exception {
        String flooder = issuer.customer("flooder");
        String neighbour = issuer.customer("neighbour");

        List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
        for (int i = 0; i < FLOOD; i++) {
            flood.add(http.sendAsync(menu("127.0.0.1", flooder), BodyHandlers.ofString()));
        }
        // in the same moment, the neighbour is served
        for (int i = 0; i < 3; i++) {
            assertThat(http.send(menu("127.0.0.1", neighbour), BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : flood) {
            answers.add(answer.get(10, TimeUnit.SECONDS));
        }
        long served = answers.stream().filter(answer -> answer.statusCode() == 200).count();
        List<HttpResponse<String>> refused = answers.stream().filter(answer -> answer.statusCode() == 429).toList();
        assertThat(served).isEqualTo(BURST);
        assertThat(served + refused.size()).isEqualTo(FLOOD);
        assertTooManyRequests(refused.getFirst(), "/menu");
        assertThat(order.receivedCount()).as("requests that reached the service").isEqualTo((int) served + 3);

        // still over the limit, on every route, auth's too; the neighbour still served
        assertTooManyRequests(http.send(menu("127.0.0.1", flooder), BodyHandlers.ofString()), "/menu");
        assertThat(http.send(menu("127.0.0.1", neighbour), BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertTooManyRequests(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Authorization", "Bearer " + flooder).build(), BodyHandlers.ofString()), "/login");
        assertThat(auth.receivedCount()).isZero();

        client.get().uri("/actuator/metrics/siren.rate-limit.refused?tag=route:order").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.measurements[0].value").value(Double.class,
                        count -> assertThat(count).isGreaterThanOrEqualTo(refused.size() + 1));
    }

    @Test
    void withoutATokenTheClientIsItsAddressAndTheGatewaysOwnMachineIsNotLimited() throws Exception {
        for (int i = 0; i < 3 * BURST; i++) {
            assertThat(http.send(menu("127.0.0.1", null), BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }

        String network = NetworkAddress.ofThisMachine().orElse(null);
        assumeTrue(network != null, "this machine has no address but loopback");
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 2 * BURST; i++) {
            last = http.send(menu(network, null), BodyHandlers.ofString());
            statuses.add(last.statusCode());
        }
        assertThat(statuses.subList(0, BURST)).containsOnly(200);
        assertTooManyRequests(last, "/menu");
        // the address is limited as a whole, and the gateway's own machine still is not
        assertThat(http.send(menu("127.0.0.1", null), BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    private HttpRequest menu(String host, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/menu"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private static void assertTooManyRequests(HttpResponse<String> response, String path) {
        assertThat(response.statusCode()).isEqualTo(429);
        // when the client's next request is due: within twenty seconds here
        assertThat(response.headers().firstValue("Retry-After").map(Integer::parseInt)).hasValueSatisfying(
                seconds -> assertThat(seconds).isBetween(1, 20));
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JsonPath.<String>read(response.body(), "$.type")).isEqualTo("about:blank");
        assertThat(JsonPath.<String>read(response.body(), "$.title")).isEqualTo("Too Many Requests");
        assertThat(JsonPath.<Integer>read(response.body(), "$.status")).isEqualTo(429);
        assertThat(JsonPath.<String>read(response.body(), "$.detail"))
                .isEqualTo("Too many requests from this client: slow down and try again.");
        assertThat(JsonPath.<String>read(response.body(), "$.instance")).isEqualTo(path);
    }
}
