package io.sirenorder.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP calls with JSON bodies, as a client of the services makes them, signed in or not; an unexpected answer fails
 * the test.
 */
final class JsonHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final String accessToken;

    /** @param accessToken sent as the bearer token; {@code null} for a caller who is not signed in */
    JsonHttp(HttpClient client, String accessToken) {
        this.client = client;
        this.accessToken = accessToken;
    }

    /** Sends {@code body} (none when null) and returns the answer, whatever its status. */
    HttpResponse<String> send(String method, String url, String body) {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(method + " " + url + " interrupted", e);
        } catch (Exception e) {
            throw new AssertionError(method + " " + url + " failed", e);
        }
    }

    /** The JSON answer, which must have {@code expectedStatus}. */
    JsonNode expect(int expectedStatus, String method, String url, String body) {
        HttpResponse<String> response = send(method, url, body);
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError("%s %s %s answered %d, not %d: %s".formatted(method, url,
                    body == null ? "" : body, response.statusCode(), expectedStatus, response.body()));
        }
        return JSON.readTree(response.body());
    }

    JsonNode get(String url) {
        return expect(200, "GET", url, null);
    }

    /** The JSON answer, or empty when there is none at {@code url} (404). */
    Optional<JsonNode> find(String url) {
        HttpResponse<String> response = send("GET", url, null);
        return switch (response.statusCode()) {
            case 200 -> Optional.of(JSON.readTree(response.body()));
            case 404 -> Optional.empty();
            default -> throw new AssertionError("GET %s answered %d: %s".formatted(url, response.statusCode(),
                    response.body()));
        };
    }
}
