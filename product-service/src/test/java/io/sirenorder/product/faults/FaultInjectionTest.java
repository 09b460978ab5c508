package io.sirenorder.product.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.sirenorder.testing.security.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The test profile's fault injection, told at run time through {@code /actuator/faults}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 3)
@ActiveProfiles("local")
class FaultInjectionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @AfterEach
    void clearFaults() {
        send("DELETE", "/actuator/faults", null);
    }

    @Test
    void noFaultsUntilToldAndTheSettingsCanBeRead() {
        JsonNode settings = json(send("GET", "/actuator/faults", null));

        assertThat(settings.get("minLatency").asLong()).isZero();
        assertThat(settings.get("maxLatency").asLong()).isZero();
        assertThat(settings.get("failureRate").asDouble()).isZero();
        long id = register();
        assertThat(send("GET", "/products/" + id + "/availability", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theSeedsLatencySlowsTheCallsOrderMakesOnly() {
        long id = register();

        HttpResponse<String> set = send("POST", "/actuator/faults",
                "{\"minLatency\":400,\"maxLatency\":620,\"failureRate\":0}");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(json(set).get("maxLatency").asLong()).isEqualTo(620);
        assertThat(json(send("GET", "/actuator/faults", null)).get("minLatency").asLong()).isEqualTo(400);

        for (String path : new String[] {"/products/" + id + "/availability", "/products/checkProduct?productId=" + id}) {
            long started = System.nanoTime();
            HttpResponse<String> answer = send("GET", path, null);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(took).as(path).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            // the injected latency is the product service's own time, and it says so to the order service
            assertThat(serverTimingMillis(answer)).as(path).isBetween(400.0, (double) took.toMillis());
        }
        assertThat(send("GET", "/products/" + id, null).statusCode()).isEqualTo(200);
        assertThat(send("PATCH", "/products/" + id, "{\"price\":3600}").statusCode()).isEqualTo(200);
    }

    @Test
    void aFailureRateOfOneFailsEveryCallOrderMakesAndNothingElse() {
        long id = register();

        assertThat(send("POST", "/actuator/faults", "{\"failureRate\":1.0}").statusCode()).isEqualTo(200);

        for (int i = 0; i < 10; i++) {
            HttpResponse<String> answer = send("GET", "/products/" + id + "/availability", null);
            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(json(answer).get("detail").asString()).isEqualTo("injected failure");
        }
        assertThat(send("GET", "/products/checkProduct?productId=" + id, null).statusCode()).isEqualTo(500);
        assertThat(send("POST", "/products", "{\"price\":2500}").statusCode()).isEqualTo(201);
        assertThat(send("GET", "/products/" + id, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/products", null).statusCode()).isEqualTo(200);
    }

    @Test
    void afterDeleteTheFaultsAreGone() {
        long id = register();
        send("POST", "/actuator/faults", "{\"minLatency\":400,\"maxLatency\":620,\"failureRate\":1}");

        HttpResponse<String> cleared = send("DELETE", "/actuator/faults", null);

        assertThat(cleared.statusCode()).isEqualTo(200);
        JsonNode settings = json(send("GET", "/actuator/faults", null));
        assertThat(settings.get("maxLatency").asLong()).isZero();
        assertThat(settings.get("failureRate").asDouble()).isZero();
        for (int i = 0; i < 10; i++) {
            assertThat(send("GET", "/products/" + id + "/availability", null).statusCode()).isEqualTo(200);
        }
        assertThat(send("GET", "/products/checkProduct?productId=" + id, null).body()).isEqualTo("3500");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            min above max           | {"minLatency":620,"maxLatency":400}
            negative latency        | {"minLatency":-1,"maxLatency":400}
            rate above one          | {"failureRate":1.5}
            negative rate           | {"failureRate":-0.1}
            not a number            | {"minLatency":"slow"}
            """)
    void invalidSettingsAreRefusedAndChangeNothing(String why, String body) {
        send("POST", "/actuator/faults", "{\"minLatency\":10,\"maxLatency\":20,\"failureRate\":0.5}");

        HttpResponse<String> answer = send("POST", "/actuator/faults", body);

        assertThat(answer.statusCode()).as(why).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).as(why).contains("application/problem+json");
        JsonNode settings = json(send("GET", "/actuator/faults", null));
        assertThat(settings.get("minLatency").asLong()).isEqualTo(10);
        assertThat(settings.get("maxLatency").asLong()).isEqualTo(20);
        assertThat(settings.get("failureRate").asDouble()).isEqualTo(0.5);
    }

    private long register() {
        HttpResponse<String> registered = send("POST", "/products", "{\"price\":3500,\"status\":\"Available\"}");
        assertThat(registered.statusCode()).isEqualTo(201);
        return json(registered).get("id").asLong();
    }

    private HttpResponse<String> send(String method, String path, String body) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TestIssuer.get().clerk());
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("request failed: " + method + " " + path, e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** The {@code app} duration of the answer's {@code Server-Timing} header, in milliseconds. */
    private static double serverTimingMillis(HttpResponse<String> answer) {
        String timing = answer.headers().firstValue("Server-Timing").orElseThrow();
        assertThat(timing).startsWith("app;dur=");
        return Double.parseDouble(timing.substring("app;dur=".length()));
    }
}
