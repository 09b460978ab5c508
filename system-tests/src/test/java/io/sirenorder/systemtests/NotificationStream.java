package io.sirenorder.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client's open {@code GET /notifications/stream}, as an EventSource follows it: every event of one name, read as
 * JSON, in the order they came. Closing it ends the stream.
 */
final class NotificationStream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration OPENING = Duration.ofSeconds(20);

    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    /**
     * Opens the stream at {@code gatewayUrl} as the bearer of {@code accessToken}, keeping its {@code eventName}s;
     * returns once the stream has begun (its first line, a heartbeat, is sent once the subscription is made), so
     * that whatever happens next is pushed on it.
     */
    NotificationStream(HttpClient client, String gatewayUrl, String accessToken, String eventName) {
        var request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/notifications/stream"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + accessToken)
                .build();
        response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        var begun = new CountDownLatch(1);
        response.thenAcceptAsync(answer -> {
            // an event is its lines up to a blank one; only its name and data matter here
            String[] name = {null};
            answer.body().forEach(line -> {
                begun.countDown();
                if (line.startsWith("event:")) {
                    name[0] = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:") && eventName.equals(name[0])) {
                    events.add(JSON.readTree(line.substring("data:".length())));
                } else if (line.isEmpty()) {
                    name[0] = null;
                }
            });
        });
        try {
            if (!begun.await(OPENING.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("the notification stream did not begin within " + OPENING);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted opening the notification stream", e);
        }
    }

    List<JsonNode> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        response.thenAccept(answer -> answer.body().close());
        response.cancel(true);
    }
}
