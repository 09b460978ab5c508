package io.sirenorder.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/**
 * Admission control at the door, with its limit held at four and room for six to wait: a flood of requests to a
 * service that holds them finds four in the service, six waiting at the gateway, and the rest refused at once with
 * a problem body and {@code Retry-After}, without reaching the service; those let in or waiting are all answered
 * once the service answers. {@link DoorTest} shows the order they are let in.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "siren.admission.initial-limit=4", "siren.admission.min-limit=4", "siren.admission.max-limit=4",
        "siren.admission.max-queued=6"})
@AutoConfigureWebTestClient
@TestInstance(Lifecycle.PER_CLASS)
class AdmissionControlTest {

    private static final int LIMIT = 4;
    private static final int MAX_QUEUED = 6;

    static final StubBackend order = StubBackend.start("order");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("siren.services.order", order::url);
    }

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @AfterAll
    void stopBackend() {
        order.stop();
    }

    @Test
    void beyondTheLimitRequestsWaitAtTheDoorAndBeyondTheQueueTheyAreRefusedAtOnce() throws Exception {
        order.hang();
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            List<CompletableFuture<HttpResponse<String>>> admitted = new ArrayList<>();
            for (int i = 0; i < LIMIT + MAX_QUEUED; i++) {
                admitted.add(http.sendAsync(menu(i), HttpResponse.BodyHandlers.ofString()));
                int arrived = i + 1;
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> order.receivedCount() + (int) metric("siren.admission.queued") == arrived);
            }
            assertThat(order.receivedCount()).isEqualTo(LIMIT);
            assertThat(metric("siren.admission.inflight")).isEqualTo(LIMIT);

            HttpResponse<String> refused = http.send(menu(99), HttpResponse.BodyHandlers.ofString());

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).contains("1");
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(JsonPath.<String>read(refused.body(), "$.detail"))
                    .isEqualTo("The order service is busy right now.");
            assertThat(metric("siren.admission.shed")).isEqualTo(1);
            assertThat(order.receivedCount()).as("a refused request never reaches the service").isEqualTo(LIMIT);

            order.reset();
            for (CompletableFuture<HttpResponse<String>> response : admitted) {
                assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
            assertThat(metric("siren.admission.inflight")).isZero();
            assertThat(metric("siren.admission.queued")).isZero();
        }
    }

    private HttpRequest menu(int id) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/menu/" + id)).build();
    }

    private double metric(String name) {
        String body = client.get().uri("/actuator/metrics/" + name + "?tag=route:order").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return JsonPath.<Double>read(body, "$.measurements[0].value");
    }
}
