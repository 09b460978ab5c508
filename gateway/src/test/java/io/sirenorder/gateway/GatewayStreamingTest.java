package io.sirenorder.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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

    static final SseUpstream notification = new SseUpstream();

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
            assertThat(notification.open.getCount()).as("the upstream still holds the stream open").isOne();
            assertThat(notification.requestUri).isEqualTo("/notifications/stream?customerId=kim");
        } finally {
            notification.open.countDown();
        }
    }

    /** A notification service that sends one event, then holds the stream open until told to end it. */
    static final class SseUpstream {

        final CountDownLatch open = new CountDownLatch(1);
        volatile String requestUri;
        private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        private final HttpServer server;

        SseUpstream() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(executor);
            server.createContext("/", this::stream);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void stream(HttpExchange exchange) throws IOException {
            try (exchange) {
                requestUri = exchange.getRequestURI().toString();
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                OutputStream body = exchange.getResponseBody();
                body.write("id:p0-1\nevent:product\ndata:{\"productId\":1}\n\n".getBytes(StandardCharsets.UTF_8));
                body.flush();
                open.await(BOUND_SECONDS, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() {
            open.countDown();
            server.stop(0);
            executor.close();
        }
    }
}
