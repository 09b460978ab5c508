package io.sirenorder.product.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sirenorder.events.CloudEventHeaders;
import io.sirenorder.events.EventJson;
import io.sirenorder.events.EventType;
import io.sirenorder.events.ProductEvent;
import io.sirenorder.events.ProductRegistered;
import io.sirenorder.events.ProductUpdated;
import io.sirenorder.events.Topics;
import io.sirenorder.testing.contracts.Contracts;
import io.sirenorder.testing.security.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 3)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<ConsumerRecord<String, byte[]>> published = new ArrayList<>();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EmbeddedKafkaBroker broker;
    Consumer<String, byte[]> consumer;

    @BeforeAll
    void subscribe() {
        consumer = new DefaultKafkaConsumerFactory<>(KafkaTestUtils.consumerProps(broker, "product-test", false),
                new StringDeserializer(), new ByteArrayDeserializer()).createConsumer();
        consumer.subscribe(List.of(Topics.PRODUCT_EVENTS));
    }

    @AfterAll
    void close() {
        consumer.close();
    }

    @Test
    void theSeedsCommandsRegisterChangeAndCheckAProduct() {
        // httpie sends price=3500 as the JSON string "3500"
        HttpResponse<String> registered = send("POST", "/products", "{\"price\":\"3500\",\"status\":\"Available\"}");
        assertThat(registered.statusCode()).isEqualTo(201);
        long id = json(registered).get("id").asLong();
        assertThat(registered.headers().firstValue("Location")).contains("/products/" + id);
        assertThat(json(registered).get("price").asInt()).isEqualTo(3500);
        assertThat(json(registered).get("version").asLong()).isEqualTo(1);
        assertThat(send("GET", "/products/checkProduct?productId=" + id, null).body()).isEqualTo("3500");

        HttpResponse<String> soldOut = send("PATCH", "/products/" + id, "{\"status\":\"SoldOut\"}");
        assertThat(soldOut.statusCode()).isEqualTo(200);
        assertThat(json(soldOut).get("status").asString()).isEqualTo("SoldOut");
        assertThat(json(soldOut).get("version").asLong()).isEqualTo(2);

        HttpResponse<String> read = send("GET", "/products/" + id, null);
        assertThat(json(read).get("status").asString()).isEqualTo("SoldOut");
        assertThat(json(read).get("price").asInt()).isEqualTo(3500);
        assertThat(send("GET", "/products/checkProduct?productId=" + id, null).body()).isEqualTo("0");
        JsonNode availability = json(send("GET", "/products/" + id + "/availability", null));
        assertThat(availability.get("orderable").asBoolean()).isFalse();
        assertThat(availability.get("status").asString()).isEqualTo("SoldOut");

        List<ProductEvent> events = eventsOf(id, 2);
        assertThat(events.get(0)).isInstanceOf(ProductRegistered.class);
        assertThat(events.get(1)).isInstanceOfSatisfying(ProductUpdated.class, update -> {
            assertThat(update.statusChanged()).isTrue();
            assertThat(update.product().version()).isEqualTo(2);
            assertThat(update.product().price()).isEqualTo(3500);
        });
    }

    /**
     * The provider's half of the check's contract: the availability order asks for is answered exactly in the shape
     * of the shared example, which order's tests read (see its {@code ProductServiceClientTest}).
     */
    @Test
    void anAvailableProductIsAnsweredAsTheContractsExample() {
        ObjectNode example = (ObjectNode) JSON.readTree(Contracts.productAvailability());
        long id = json(send("POST", "/products", "{\"price\": %d, \"name\": \"Contract latte\"}"
                .formatted(example.get("price").asInt()))).get("id").asLong();
        for (int change = 1; change < example.get("version").asLong(); change++) {
            send("PATCH", "/products/" + id, "{\"name\": \"Contract latte " + change + "\"}");
        }

        HttpResponse<String> answer = send("GET", "/products/" + id + "/availability", null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        // read back from text, so that numbers compare as numbers whatever node type put() made
        JsonNode expected = JSON.readTree(JSON.writeValueAsString(example.put("productId", id)));
        assertThat(json(answer)).isEqualTo(expected);
    }

    @Test
    void everyPublishedEventCarriesCloudEventsAttributesAndTheProductIdAsKey() {
        long id = json(send("POST", "/products", "{\"price\":4000,\"name\":\"Flat white\"}")).get("id").asLong();

        ConsumerRecord<String, byte[]> record = recordsOf(id, 1).getFirst();
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(EventType.PRODUCT_REGISTERED.ceType());
        assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/sirenorder/product");
        assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(Long.toString(id));
        assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
    }

    @Test
    void aChangeThatChangesNothingPublishesNothing() {
        long id = json(send("POST", "/products", "{\"price\":1000}")).get("id").asLong();
        send("PATCH", "/products/" + id, "{\"price\":1000}");
        send("PATCH", "/products/" + id, "{\"name\":\"Drip\"}");

        List<ProductEvent> events = eventsOf(id, 2);
        assertThat(events).extracting(event -> event.product().version()).containsExactly(1L, 2L);
        assertThat(events.get(1).product().name()).isEqualTo("Drip");
    }

    @Test
    void concurrentChangesOfOneProductEachGetAVersionOfTheirOwnAndArePublishedInThatOrder() throws Exception {
        long id = json(send("POST", "/products", "{\"price\":1000}")).get("id").asLong();
        int changes = 20;

        try (ExecutorService clerks = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> answers = IntStream.rangeClosed(1, changes)
                    .mapToObj(i -> clerks.submit(() -> send("PATCH", "/products/" + id,
                            "{\"price\":" + (1000 + i) + "}")))
                    .toList();
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).isEqualTo(200);
            }
        }

        assertThat(json(send("GET", "/products/" + id, null)).get("version").asLong()).isEqualTo(changes + 1);
        assertThat(eventsOf(id, changes + 1)).extracting(event -> event.product().version())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, changes + 1).boxed().toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            negative price          | {"price":-1}                               | price
            fractional price        | {"price":3.5}                              | price
            non-numeric price       | {"price":"abc"}                            | price
            price beyond int range  | {"price":2147483648}                       | price
            missing price           | {"status":"Available"}                     | price
            unknown status          | {"price":100,"status":"Gone"}              | status
            unknown property        | {"price":100,"colour":"red"}               | colour
            """)
    void badRegistrationsAreRefusedNamingTheFieldAndStoreNothing(String why, String body, String field) {
        long before = productCount();

        HttpResponse<String> response = send("POST", "/products", body);

        assertThat(response.statusCode()).as(why).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(response).get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(json(response).get("detail").asString()).contains(field);
        assertThat(productCount()).isEqualTo(before);
    }

    /** A body that cannot be read at all has no field to name: the detail says what is wrong with it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON          | {"price":   | The request body is not valid JSON (line 1, column 10).
            empty body              | ''          | The request body is missing: it must be a JSON object.
            """)
    void unreadableRegistrationsAreRefusedSayingWhyAndStoreNothing(String why, String body, String detail) {
        long before = productCount();

        HttpResponse<String> response = send("POST", "/products", body);

        assertThat(response.statusCode()).as(why).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(response).get("detail").asString()).isEqualTo(detail);
        assertThat(productCount()).isEqualTo(before);
    }

    @Test
    void aBadChangeIsRefusedAndChangesNothing() {
        long id = json(send("POST", "/products", "{\"price\":2000}")).get("id").asLong();

        assertThat(send("PATCH", "/products/" + id, "{\"price\":-5}").statusCode()).isEqualTo(400);
        assertThat(send("PATCH", "/products/" + id, "{\"status\":\"Maybe\",\"price\":10}").statusCode())
                .isEqualTo(400);
        assertThat(send("PATCH", "/products/" + id, "{}").statusCode()).isEqualTo(400);

        JsonNode product = json(send("GET", "/products/" + id, null));
        assertThat(product.get("price").asInt()).isEqualTo(2000);
        assertThat(product.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void theWrongContentTypeIsRefused() {
        HttpResponse<String> response = http(HttpRequest.newBuilder(uri("/products"))
                .header("Authorization", "Bearer " + TestIssuer.get().clerk())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("price=100")).build());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @ParameterizedTest
    @CsvSource({"GET,/products/999999", "GET,/products/abc", "PATCH,/products/999999",
            "GET,/products/999999/availability", "GET,/products/checkProduct?productId=999999"})
    void unknownProductsAreNotFound(String method, String path) {
        HttpResponse<String> response = send(method, path, method.equals("PATCH") ? "{\"price\":1}" : null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        // a not-found is an answer too: the caller learns how long product took to give it
        assertThat(response.headers().firstValue("Server-Timing")).hasValueSatisfying(
                timing -> assertThat(timing).matches("app;dur=\\d+\\.\\d"));
    }

    @Test
    void withoutTheLocalOrTestProfileThereIsNoFaultInjection() {
        assertThat(send("GET", "/actuator/faults", null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/actuator/faults", "{\"failureRate\":1}").statusCode()).isIn(404, 405);
    }

    private List<ProductEvent> eventsOf(long productId, int count) {
        return recordsOf(productId, count).stream()
                .map(record -> (ProductEvent) EventJson.read(
                        EventType.fromCeType(header(record, CloudEventHeaders.TYPE)).orElseThrow(), record.value()))
                .toList();
    }

    private List<ConsumerRecord<String, byte[]>> recordsOf(long productId, int count) {
        String key = Long.toString(productId);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            consumer.poll(Duration.ofMillis(100)).forEach(published::add);
            return published.stream().filter(record -> record.key().equals(key)).count() >= count;
        });
        return published.stream().filter(record -> record.key().equals(key)).toList();
    }

    private long productCount() {
        return jdbc.sql("SELECT COUNT(*) FROM product").query(Long.class).single();
    }

    /** As a clerk, who may do everything here; ProductSecurityTest sends the others. */
    private HttpResponse<String> send(String method, String path, String body) {
        var request = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TestIssuer.get().clerk());
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http(request.build());
    }

    private HttpResponse<String> http(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("request failed: " + request, e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
