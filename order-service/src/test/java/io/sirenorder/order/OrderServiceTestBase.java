package io.sirenorder.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.sirenorder.events.CloudEventHeaders;
import io.sirenorder.events.EventJson;
import io.sirenorder.events.EventType;
import io.sirenorder.events.OrderPlaced;
import io.sirenorder.events.Topics;
import io.sirenorder.testing.security.TestIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order service as it runs: real HTTP on a random port, the embedded Kafka broker, H2, and a stub product
 * service. Every test class extending this shares one application context; those also marked
 * {@link io.sirenorder.testing.OnPostgres} share another, on PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 3)
abstract class OrderServiceTestBase {

    protected static final StubProductService productService = StubProductService.start();
    /** Signs the tokens the service under test trusts. */
    protected static final TestIssuer ISSUER = TestIssuer.get();
    /** The customer whose token a test's orders are placed with, unless it says otherwise. */
    protected static final String CUSTOMER = "ada";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected EmbeddedKafkaBroker broker;
    @Autowired
    CircuitBreakerRegistry breakers;

    @DynamicPropertySource
    static void productServiceUrl(DynamicPropertyRegistry registry) {
        registry.add("siren.catalogue.url", productService::url);
    }

    @BeforeEach
    void forgetEarlierTests() {
        productService.reset();
        breakers.getAllCircuitBreakers().forEach(breaker -> breaker.reset());
    }

    protected record Response(int status, java.net.http.HttpHeaders headers, String body) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    /** As the customer {@link #CUSTOMER}, who may place orders. */
    protected Response post(String path, String json) {
        return post(path, "application/json", json);
    }

    /** As the customer {@link #CUSTOMER}, who may place orders. */
    protected Response post(String path, String contentType, String body) {
        return post(path, contentType, body, ISSUER.customer(CUSTOMER));
    }

    protected Response post(String path, String contentType, String body, String accessToken) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .header("Authorization", "Bearer " + accessToken)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** As a clerk, who may read every order. */
    protected Response get(String path) {
        return get(path, ISSUER.clerk());
    }

    protected Response get(String path, String accessToken) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + accessToken).GET());
    }

    protected Response send(HttpRequest.Builder request) {
        return send(HTTP, request);
    }

    /**
     * On a connection of its own. After refusing a body it did not read to the end, the server may close the
     * connection once its answer is out, as HTTP allows; the JDK client, which may already have pooled that
     * connection, does not send a POST again, so a request that follows such a one could find no one listening.
     */
    protected Response sendAlone(HttpRequest.Builder request) {
        try (HttpClient alone = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return send(alone, request);
        }
    }

    private static Response send(HttpClient http, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Checks the RFC 9457 members every problem body has; returns the body for the test's own checks. */
    protected JsonNode assertProblem(Response response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("about:blank");
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).endsWith(".");
        assertThat(problem.get("instance").asString()).startsWith("/");
        return problem;
    }

    protected long storedOrders() {
        return jdbc.sql("SELECT COUNT(*) FROM orders").query(Long.class).single();
    }

    /** Publishes {@code events} as the product service's outbox does: keyed by product, typed by header. */
    protected void publishProductEvents(Object... events) {
        try (Producer<String, byte[]> producer = new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new ByteArraySerializer())
                .createProducer()) {
            for (Object event : events) {
                EventType type = EventType.of(event);
                var record = new ProducerRecord<>(Topics.PRODUCT_EVENTS, EventType.aggregateId(event),
                        EventJson.write(event));
                record.headers().add(CloudEventHeaders.TYPE, type.ceType().getBytes(StandardCharsets.UTF_8));
                // the commit's moment, from which the consumer times the event's lag
                record.headers().add(CloudEventHeaders.TIME,
                        Instant.now().toString().getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
        }
    }

    /**
     * Every order event published so far: once the outbox is empty, everything committed has reached the broker,
     * so reading the topic up to its end offsets sees it all.
     */
    protected List<OrderPlaced> publishedOrders() {
        return published(OrderPlaced.class);
    }

    /**
     * Every order event of {@code type} published so far, in each order's publishing order: once the outbox is
     * empty, everything committed has reached the broker, so reading the topic up to its end offsets sees it all.
     */
    protected <E> List<E> published(Class<E> type) {
        await().atMost(Duration.ofSeconds(15)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM outbox_event").query(Long.class).single() == 0);
        Map<String, Object> config = KafkaTestUtils.consumerProps(broker, "order-test-" + System.nanoTime(), false);
        // reading up to known end offsets: the broker need not hold a fetch open waiting for more
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(config,
                new StringDeserializer(), new ByteArrayDeserializer()).createConsumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ORDER_EVENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            EventType eventType = Arrays.stream(EventType.values()).filter(known -> known.recordType() == type)
                    .findFirst().orElseThrow();
            List<E> published = new ArrayList<>();
            await().atMost(Duration.ofSeconds(15)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                            if (eventType.ceType().equals(header(record, CloudEventHeaders.TYPE))) {
                                published.add(type.cast(EventJson.read(eventType, record.value())));
                            }
                        });
                        return partitions.stream()
                                .allMatch(partition -> consumer.position(partition) >= ends.get(partition));
                    });
            return published;
        }
    }

    protected static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Reads {@link Topics#ORDER_EVENTS} from the beginning until a record keyed {@code key} arrives. */
    protected ConsumerRecord<String, byte[]> orderEvent(String key) {
        Map<String, Object> config = KafkaTestUtils.consumerProps(broker, "order-test-" + System.nanoTime(), false);
        config.put("auto.offset.reset", "earliest");
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(config,
                new StringDeserializer(), new ByteArrayDeserializer()).createConsumer()) {
            consumer.subscribe(List.of(Topics.ORDER_EVENTS));
            List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(received::add);
                return received.stream().anyMatch(record -> record.key().equals(key));
            });
            return received.stream().filter(record -> record.key().equals(key)).findFirst().orElseThrow();
        }
    }
}
