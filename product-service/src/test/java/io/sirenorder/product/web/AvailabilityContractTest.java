package io.sirenorder.product.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sirenorder.testing.contracts.Contracts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The provider's half of the check's contract: product answers {@code GET /products/{id}/availability} exactly in
 * the shape of the shared example, which order's tests read (see {@code ProductServiceClientTest}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 3)
class AvailabilityContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Test
    void anAvailableProductIsAnsweredAsTheContractsExample() throws Exception {
        ObjectNode example = (ObjectNode) JSON.readTree(Contracts.productAvailability());
        JsonNode registered = JSON.readTree(send("POST", "/products",
                "{\"price\": %d, \"name\": \"Contract latte\"}".formatted(example.get("price").asInt())).body());
        long id = registered.get("id").asLong();
        for (int change = 1; change < example.get("version").asLong(); change++) {
            send("PATCH", "/products/" + id, "{\"name\": \"Contract latte " + change + "\"}");
        }

        HttpResponse<String> answer = send("GET", "/products/" + id + "/availability", null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        // read back from text, so that numbers compare as numbers whatever node type put() made
        JsonNode expected = JSON.readTree(JSON.writeValueAsString(example.put("productId", id)));
        assertThat(JSON.readTree(answer.body())).isEqualTo(expected);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
