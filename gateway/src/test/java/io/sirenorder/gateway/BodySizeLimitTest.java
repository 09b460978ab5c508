package io.sirenorder.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.jayway.jsonpath.JsonPath;
import io.sirenorder.testing.security.TestIssuer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Request bodies beyond 16 KB never reach a service: refused with {@code 413} and a problem body, whether the body
 * says its length up front or comes in chunks without one. A body within the limit goes on whole.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
@TestInstance(Lifecycle.PER_CLASS)
class BodySizeLimitTest {

    private static final int LIMIT = 16 * 1024;

    static final StubBackend product = StubBackend.start("product");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("siren.services.product", product::url);
    }

    @LocalServerPort
    int port;

    private final String clerk = TestIssuer.get().clerk();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void resetBackend() {
        product.reset();
    }

    @AfterAll
    void stop() {
        http.close();
        product.stop();
    }

    @Test
    void aBodyOfTheLimitWithItsLengthGoesOnWhole() throws Exception {
        String body = json(LIMIT);

        HttpResponse<String> response = post(BodyPublishers.ofString(body));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(product.takeRequest().body()).isEqualTo(body);
    }

    @Test
    void aBodyThatSaysItIsLargerIsRefusedBeforeItIsRead() throws Exception {
        assertTooLarge(post(BodyPublishers.ofString(json(LIMIT + 1))));
    }

    @ParameterizedTest
    @ValueSource(ints = {LIMIT + 1, 4 * LIMIT})
    void aLargerBodyInChunksIsRefusedToo(int size) throws Exception {
        assertTooLarge(post(chunked(json(size))));
    }

    @Test
    void aBodyInChunksWithinTheLimitGoesOnWholeWithItsLength() throws Exception {
        String body = json(LIMIT);

        HttpResponse<String> response = post(chunked(body));

        assertThat(response.statusCode()).isEqualTo(200);
        StubBackend.Received received = product.takeRequest();
        assertThat(received.body()).isEqualTo(body);
        assertThat(received.headers().getFirst("Content-Length")).isEqualTo(Integer.toString(LIMIT));
        assertThat(received.headers().containsKey("Transfer-Encoding")).isFalse();
    }

    private void assertTooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JsonPath.<String>read(response.body(), "$.type")).isEqualTo("about:blank");
        assertThat(JsonPath.<Integer>read(response.body(), "$.status")).isEqualTo(413);
        assertThat(JsonPath.<String>read(response.body(), "$.detail"))
                .isEqualTo("The request body is larger than 16 KB.");
        assertThat(JsonPath.<String>read(response.body(), "$.instance")).isEqualTo("/products");
        assertThat(product.receivedCount()).as("requests that reached the service").isZero();
    }

    private HttpResponse<String> post(BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/products"))
                .header("Authorization", "Bearer " + clerk)
                .header("Content-Type", "application/json")
                .POST(body)
                .build(), BodyHandlers.ofString());
    }

    /** Without a length: the client sends it in chunks. */
    private static BodyPublisher chunked(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
    }

    /** A JSON object of exactly {@code size} bytes. */
    private static String json(int size) {
        String start = "{\"name\":\"";
        String end = "\"}";
        return start + "x".repeat(size - start.length() - end.length()) + end;
    }
}
