package io.sirenorder.bench;

import static io.sirenorder.local.Service.AUTH;
import static io.sirenorder.local.Service.ORDER;
import static io.sirenorder.local.Service.PRODUCT;

import io.sirenorder.local.LocalSystem;
import io.sirenorder.local.SignIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the benchmarks and demonstrations say to a running system besides the load itself, over one HTTP/1.1
 * client: JSON requests, a shop's menu, waiting for the system to catch up.
 */
final class SystemHttp implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    HttpClient client() {
        return http;
    }

    /** Sends {@code body} as JSON (none when null); an answer that is not a success is an error. */
    String send(String method, String url, String body) {
        return send(method, url, body, null);
    }

    /** As {@link #send(String, String, String)}, with {@code accessToken} ({@code null}: none) as the bearer token. */
    String send(String method, String url, String body, String accessToken) {
        HttpResponse<String> response = exchange(method, url, body, accessToken);
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    /** The answer, whatever its status; {@code accessToken} ({@code null}: none) goes as the bearer token. */
    HttpResponse<String> exchange(String method, String url, String body, String accessToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
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
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + url + " interrupted", e);
        }
    }

    JsonNode json(String url) {
        return JSON.readTree(send("GET", url, null));
    }

    /**
     * Registers {@code items} products, the last {@code soldOut} of them sold out, as a shop's menu has, and waits
     * until order's menu replica knows them all (until then an order would be checked against a menu it does not
     * see); returns their ids, sold-out ones included.
     */
    List<String> registerMenu(LocalSystem system, int items, int soldOut) {
        String clerk = accessToken(system, "clerk");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            String status = i >= items - soldOut ? "SoldOut" : "Available";
            String product = send("POST", system.baseUrl(PRODUCT) + "/products",
                    "{\"price\":%d,\"name\":\"Item %d\",\"status\":\"%s\"}".formatted(3000 + 100 * i, i, status),
                    clerk);
            ids.add(JSON.readTree(product).get("id").asString());
        }
        awaitUntil(Duration.ofSeconds(20), "order's menu to catch up", () -> ids.stream().allMatch(id ->
                exchange("GET", system.baseUrl(ORDER) + "/menu/" + id, null, null).statusCode() == 200));
        return ids;
    }

    /** The access token of a local user, {@code name} with itself as the password (the clerk, or a customer). */
    static String accessToken(LocalSystem system, String name) {
        try (SignIn signIn = new SignIn(system.baseUrl(AUTH))) {
            return signIn.accessToken(name, name);
        }
    }

    /** Checks {@code condition} every 50 ms until it holds; gives up after {@code atMost}. */
    static void awaitUntil(Duration atMost, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what + " after " + atMost.toSeconds() + " s");
            }
            pause(Duration.ofMillis(50));
        }
    }

    static void pause(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
