package io.sirenorder.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of a Server-Sent Events stream, as a browser's EventSource reads it, over a real HTTP connection. */
final class EventStream implements AutoCloseable {

    record Event(String id, String name, String data) {

        JsonNode json() {
            return JSON.readTree(data);
        }
    }

    record Comment(String text) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Record> received = new LinkedBlockingQueue<>();

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        Thread.ofVirtual().start(this::read);
    }

    /**
     * Opens the stream, sending {@code lastEventId} as the {@code Last-Event-ID} header and {@code accessToken} as
     * the bearer token when there are.
     */
    static EventStream open(URI uri, String lastEventId, String accessToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        try {
            return new EventStream(CLIENT.send(request.build(), BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    HttpHeaders headers() {
        return response.headers();
    }

    /** The next event, skipping comments; fails when none comes within a generous bound. */
    Event next() {
        return next(BOUND).orElseThrow(() -> new AssertionError("no event within " + BOUND));
    }

    /** The next event to come within {@code wait}, if any. */
    Optional<Event> next(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (Record item = poll(deadline); item != null; item = poll(deadline)) {
            if (item instanceof Event event) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }

    /** The next comment line, such as a heartbeat, skipping events. */
    Comment nextComment() {
        long deadline = System.nanoTime() + BOUND.toNanos();
        for (Record item = poll(deadline); item != null; item = poll(deadline)) {
            if (item instanceof Comment comment) {
                return comment;
            }
        }
        throw new AssertionError("no comment within " + BOUND);
    }

    @Override
    public void close() {
        response.body().close();
    }

    private Record poll(long deadline) {
        try {
            return received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Parses the lines as the SSE specification says: fields until a blank line, which dispatches the event. */
    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = null;
        try (Stream<String> lines = response.body()) {
            for (var iterator = lines.iterator(); iterator.hasNext(); ) {
                String line = iterator.next();
                if (line.isEmpty()) {
                    if (data != null) {
                        received.add(new Event(id, name == null ? "message" : name, data.toString()));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    received.add(new Comment(line.substring(1).strip()));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> {
                        }
                    }
                }
            }
        } catch (UncheckedIOException closed) {
            // the test closed the stream, or the server ended it
        }
    }
}
