package io.sirenorder.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.sirenorder.events.CloudEventHeaders;
import io.sirenorder.events.EventJson;
import io.sirenorder.events.EventType;
import io.sirenorder.events.ProductEvent;
import io.sirenorder.events.ProductState;
import io.sirenorder.events.Topics;
import io.sirenorder.testing.TestPostgres;
import io.sirenorder.testing.security.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances of the product service on one PostgreSQL database and one broker, as two replicas behind the
 * gateway: clerks change the same products through both at once, and the topic tells each product's story exactly as
 * one instance would, every version once and in order, ending in the product's state.
 */
@EmbeddedKafka(partitions = 3, topics = Topics.PRODUCT_EVENTS)
class TwoInstancesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static EmbeddedKafkaBroker broker;
    private static List<ConfigurableApplicationContext> instances;

    @BeforeAll
    static void startTwoInstancesOnOneDatabase(EmbeddedKafkaBroker embeddedBroker) {
        broker = embeddedBroker;
        TestPostgres.Database database = TestPostgres.newDatabase();
        instances = List.of(start(database), start(database));
    }

    @AfterAll
    static void stopBoth() {
        if (instances != null) {
            instances.forEach(ConfigurableApplicationContext::close);
        }
    }

    @Test
    void concurrentChangesThroughBothInstancesArePublishedOnceEachInVersionOrder() throws Exception {
        List<Long> products = IntStream.range(0, 4)
                .mapToObj(i -> json(send(i % 2, "POST", "/products", "{\"price\":1000}")).get("id").asLong())
                .toList();
        int clerks = 8;
        int changesEach = 25;

        try (ExecutorService counter = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int clerk = 0; clerk < clerks; clerk++) {
                done.add(counter.submit(() -> {
                    for (int change = 0; change < changesEach; change++) {
                        var random = ThreadLocalRandom.current();
                        long product = products.get(random.nextInt(products.size()));
                        String body = random.nextBoolean() ? "{\"price\":" + random.nextInt(1000, 9000) + "}"
                                : "{\"status\":\"" + (random.nextBoolean() ? "Available" : "SoldOut") + "\"}";
                        assertThat(send(random.nextInt(2), "PATCH", "/products/" + product, body).statusCode())
                                .isEqualTo(200);
                    }
                }));
            }
            for (Future<?> clerk : done) {
                clerk.get(60, TimeUnit.SECONDS);
            }
        }

        Map<Long, List<ProductState>> published = publishedOnceTheOutboxIsEmpty(products);
        for (long product : products) {
            JsonNode now = json(send(0, "GET", "/products/" + product, null));
            List<ProductState> story = published.get(product);
            assertThat(story).as("versions of product %d", product).extracting(ProductState::version)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, now.get("version").asLong()).boxed().toList());
            ProductState last = story.getLast();
            assertThat(last.price()).isEqualTo(now.get("price").asInt());
            assertThat(last.status().name()).isEqualTo(now.get("status").asString());
        }
        // both relays sent some of them: they took turns, and neither sent a record the other had sent
        List<Long> sentByEach = instances.stream()
                .map(instance -> instance.getBean(MeterRegistry.class).get("siren.outbox.lag").timer().count())
                .toList();
        assertThat(sentByEach).allSatisfy(sent -> assertThat(sent).isPositive());
        assertThat(sentByEach.stream().mapToLong(Long::longValue).sum())
                .isEqualTo(published.values().stream().mapToLong(List::size).sum());
    }

    private static ConfigurableApplicationContext start(TestPostgres.Database database) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password()));
        arguments.addAll(TestIssuer.get().trustingArguments());
        return new SpringApplicationBuilder(ProductApplication.class).run(arguments.toArray(String[]::new));
    }

    /**
     * Each product's events on the topic, in order: once the outbox is empty, everything committed is on the broker,
     * so reading up to the end offsets sees it all.
     */
    private static Map<Long, List<ProductState>> publishedOnceTheOutboxIsEmpty(List<Long> products) {
        JdbcClient jdbc = instances.getFirst().getBean(JdbcClient.class);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM outbox_event").query(Long.class).single() == 0);
        Map<String, Object> config = KafkaTestUtils.consumerProps(broker, "product-replicas-test", false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PRODUCT_EVENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<Long, List<ProductState>> published = new LinkedHashMap<>();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    ProductState product = event(record).product();
                    published.computeIfAbsent(product.productId(), id -> new ArrayList<>()).add(product);
                }
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
            assertThat(published.keySet()).containsExactlyInAnyOrderElementsOf(products);
            return published;
        }
    }

    private static ProductEvent event(ConsumerRecord<String, byte[]> record) {
        String type = new String(record.headers().lastHeader(CloudEventHeaders.TYPE).value(), StandardCharsets.UTF_8);
        return (ProductEvent) EventJson.read(EventType.fromCeType(type).orElseThrow(), record.value());
    }

    /** As a clerk, through instance 0 or 1. */
    private static HttpResponse<String> send(int instance, String method, String path, String body) {
        int port = instances.get(instance).getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TestIssuer.get().clerk())
                .timeout(Duration.ofSeconds(10));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("request failed: " + method + " " + path, e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
