package io.sirenorder.report;

import io.sirenorder.testing.security.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.IntSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP requests to the running service, as a clerk unless a test says otherwise. */
class ReportClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final IntSupplier port;

    ReportClient(IntSupplier port) {
        this.port = port;
    }

    Response get(String path) throws Exception {
        return send("GET", path);
    }

    Response send(String method, String path) throws Exception {
        return send(method, path, TestIssuer.get().clerk());
    }

    /** {@code accessToken} {@code null}: a request without one. */
    Response send(String method, String path, String accessToken) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + path));
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return send(request.method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private Response send(HttpRequest.Builder builder) throws Exception {
        var request = builder
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(5))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                json(response.body()));
    }

    /** {@code text} as a JSON tree, for comparing with what the service answered. */
    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    record Response(int status, String contentType, JsonNode body) {
    }
}
