package io.sirenorder.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client's open {@code GET /notifications/stream}, as an EventSource follows it: every event of one name, read as
 * JSON, in the order they came. Closing it ends the stream.
 */
final class NotificationStream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    /** Opens the stream at {@code gatewayUrl} as the bearer of {@code accessToken}, keeping its {@code eventName}s. */
    NotificationStream(HttpClient client, String gatewayUrl, String accessToken, String eventName) {
        var request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/notifications/stream"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + accessToken)
                .build();
        response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(answer -> {
            // an event is its lines up to a blank one; only its name and data matter here
            String[] name = {null};
            answer.body().forEach(line -> {
                if (line.startsWith("event:")) {
                    name[0] = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:") && eventName.equals(name[0])) {
                    events.add(JSON.readTree(line.substring("data:".length())));
                } else if (line.isEmpty()) {
                    name[0] = null;
                }
            });
        });
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
