package io.sirenorder.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body every SirenOrder service answers an error with, pinned whole: a service's contract test sends it a
 * malformed request and states the exact problem that comes back.
 *
 * @param port        where the service under test listens, on the loopback address
 * @param accessToken sent as the bearer token, so that the request reaches the service's own checks; {@code null}
 *                    for none
 */
public record ProblemContract(int port, String accessToken) {

    /** Requests without a token. */
    public ProblemContract(int port) {
        this(port, null);
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public Answer post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer send(String method, String path) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder request(String path) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        return accessToken == null ? request : request.header("Authorization", "Bearer " + accessToken);
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Answer(int status, String contentType, String body) {

        /** The answer is exactly {@code problem}: no member more or less, its status the response's. */
        public void isProblem(String problem) {
            assertThat(contentType).isEqualTo("application/problem+json");
            assertThat(JSON.readTree(body)).isEqualTo(JSON.readTree(problem));
            assertThat(status).isEqualTo(JSON.readTree(problem).get("status").asInt());
        }
    }
}
