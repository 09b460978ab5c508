package io.sirenorder.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The product service as the benchmark uses it: register products, change their prices, read its timers from
 * {@code /actuator/metrics}. One HTTP/1.1 client, whose pooled connections the concurrent requests share.
 */
final class ProductClient implements AutoCloseable {

    /** A Micrometer timer's totals so far; the difference of two gives the mean between them. */
    record TimerTotals(long count, double totalSeconds) {
    }

    record Percentiles(double p50Seconds, double p99Seconds) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.shared();

    private final String baseUrl;
    private final String clerksToken;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    /** @param clerksToken a clerk's access token: only clerks keep the catalogue */
    ProductClient(String baseUrl, String clerksToken) {
        this.baseUrl = baseUrl;
        this.clerksToken = clerksToken;
    }

    /** Registers a product; returns its id. */
    long register(int price) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request("/products")
                .POST(BodyPublishers.ofString("{\"price\":" + price + "}")), 201);
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("POST /products answered without a Location"));
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    void changePrice(long productId, int price) throws IOException, InterruptedException {
        send(request("/products/" + productId)
                .method("PATCH", BodyPublishers.ofString("{\"price\":" + price + "}")), 200);
    }

    TimerTotals timerTotals(String timer) throws IOException, InterruptedException {
        long count = 0;
        double total = 0;
        for (JsonNode measurement : metric(timer).get("measurements")) {
            switch (measurement.get("statistic").asString()) {
                case "COUNT" -> count = measurement.get("value").asLong();
                case "TOTAL_TIME" -> total = measurement.get("value").asDouble();
                default -> {
                }
            }
        }
        return new TimerTotals(count, total);
    }

    /** The median and 99th percentile the service publishes for {@code summary}, as Prometheus names it. */
    Percentiles percentiles(String summary) throws IOException, InterruptedException {
        String text = send(request(ScrapedQuantile.PATH).GET(), 200).body();
        return new Percentiles(ScrapedQuantile.of(text, summary, "0.5"), ScrapedQuantile.of(text, summary, "0.99"));
    }

    @Override
    public void close() {
        http.close();
    }

    private JsonNode metric(String nameAndQuery) throws IOException, InterruptedException {
        return JSON.readTree(send(request("/actuator/metrics/" + nameAndQuery).GET(), 200).body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + clerksToken);
    }

    private HttpResponse<String> send(HttpRequest.Builder builder, int expectedStatus)
            throws IOException, InterruptedException {
        HttpRequest request = builder.build();
        HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                    + response.statusCode() + " instead of " + expectedStatus + ": " + response.body());
        }
        return response;
    }
}
