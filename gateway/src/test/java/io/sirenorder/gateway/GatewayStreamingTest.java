package io.sirenorder.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/**
 * The notification route in front of a live Server-Sent Events stream: each event reaches the client as the
 * service sends it, while the stream stays open, not when it ends.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
class GatewayStreamingTest {

    private static final long BOUND_SECONDS = 10;

    static final StubBackend notification = StubBackend.start("notification");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("siren.services.notification", notification::url);
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stopUpstream() {
        notification.stop();
    }

    @Test
    void anEventReachesTheClientWhileTheStreamIsStillOpen() throws Exception {
        notification.answer(200, "id:p0-1\nevent:product\ndata:{\"productId\":1}\n\n",
                "Content-Type", "text/event-stream");
        notification.streamThenHold();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/notifications/stream?customerId=kim"))
                .header("Accept", "text/event-stream").build(), BodyHandlers.ofLines());

        try (Stream<String> lines = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream");
            String firstData = CompletableFuture.supplyAsync(() -> lines.filter(line -> line.startsWith("data:"))
                    .findFirst().orElseThrow()).get(BOUND_SECONDS, TimeUnit.SECONDS);

            assertThat(firstData).isEqualTo("data:{\"productId\":1}");
            assertThat(notification.isHolding()).as("the upstream still holds the stream open").isTrue();
            assertThat(notification.takeRequest().uri()).isEqualTo("/notifications/stream?customerId=kim");
        } finally {
            notification.reset();
        }
    }
}
