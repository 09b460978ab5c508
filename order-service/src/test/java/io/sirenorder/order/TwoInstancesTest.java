package io.sirenorder.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.sirenorder.events.CloudEventHeaders;
import io.sirenorder.events.EventJson;
import io.sirenorder.events.EventType;
import io.sirenorder.events.OrderPlaced;
import io.sirenorder.events.ProductRegistered;
import io.sirenorder.events.ProductState;
import io.sirenorder.events.ProductStatus;
import io.sirenorder.events.ProductUpdated;
import io.sirenorder.events.Topics;
import io.sirenorder.testing.TestPostgres;
import io.sirenorder.testing.security.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/**
 * Two instances of the order service on one PostgreSQL database and one broker, as two replicas behind the gateway,
 * with the stub product service: orders placed on both at once are each published once, and the two share the
 * product events' partitions as one consumer group, keeping the one menu they share up to date.
 */
@EmbeddedKafka(partitions = 3, topics = {Topics.PRODUCT_EVENTS, Topics.ORDER_EVENTS})
class TwoInstancesTest {

    private static final StubProductService productService = StubProductService.start();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

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
        productService.close();
    }

    @Test
    void ordersPlacedOnBothInstancesAtOnceArePublishedOnceEach() throws Exception {
        productService.available(1, 3500);
        int customers = 8;
        int ordersEach = 25;

        try (ExecutorService queue = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int customer = 0; customer < customers; customer++) {
                String token = TestIssuer.get().customer("customer-" + customer);
                done.add(queue.submit(() -> {
                    for (int order = 0; order < ordersEach; order++) {
                        assertThat(placeOrder(order % 2, token).statusCode()).isEqualTo(201);
                    }
                }));
            }
            for (Future<?> customer : done) {
                customer.get(60, TimeUnit.SECONDS);
            }
        }

        List<Long> stored = jdbc().sql("SELECT id FROM orders ORDER BY id").query(Long.class).list();
        List<Long> published = publishedOnceTheOutboxIsEmpty().stream().map(OrderPlaced::orderId).sorted().toList();
        assertThat(stored).hasSize(customers * ordersEach);
        assertThat(published).containsExactlyElementsOf(stored);
        // both relays sent some: they took turns, and neither sent a record the other had sent
        List<Long> sentByEach = instances.stream()
                .map(instance -> instance.getBean(MeterRegistry.class).get("siren.outbox.lag").timer().count())
                .toList();
        assertThat(sentByEach).allSatisfy(sent -> assertThat(sent).isPositive());
        assertThat(sentByEach.stream().mapToLong(Long::longValue).sum()).isEqualTo(stored.size());
    }

    @Test
    void bothInstancesShareTheProductEventsPartitionsAndKeepTheOneMenuUpToDate() throws Exception {
        Map<TopicPartition, String> owners = awaitEveryPartitionOwnedByOneOfTwoMembers();
        assertThat(Set.copyOf(owners.values())).hasSize(2);

        List<Long> products = LongStream.rangeClosed(301, 309).boxed().toList();
        try (Producer<String, byte[]> producer = new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new ByteArraySerializer())
                .createProducer()) {
            for (long product : products) {
                send(producer, new ProductRegistered(product(product, 1, ProductStatus.Available)));
                for (long version = 2; version <= 5; version++) {
                    ProductStatus status = version % 2 == 0 ? ProductStatus.SoldOut : ProductStatus.Available;
                    send(producer, new ProductUpdated(product(product, version, status), ProductStatus.Available));
                }
            }
        }

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(jdbc()
                .sql("SELECT product_id, version FROM menu_item WHERE product_id BETWEEN 301 AND 309")
                .query((row, n) -> row.getLong("product_id") + "@" + row.getLong("version")).list())
                .containsExactlyInAnyOrderElementsOf(products.stream().map(id -> id + "@5").toList()));
    }

    private static ConfigurableApplicationContext start(TestPostgres.Database database) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--siren.catalogue.url=" + productService.url()));
        arguments.addAll(TestIssuer.get().trustingArguments());
        return new SpringApplicationBuilder(OrderApplication.class).run(arguments.toArray(String[]::new));
    }

    /** Who in the consumer group {@code order} holds each partition of the product events, once both have some. */
    private static Map<TopicPartition, String> awaitEveryPartitionOwnedByOneOfTwoMembers() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("order")).all().get()
                        .get("order");
                return group.members().stream()
                        .filter(member -> !member.assignment().topicPartitions().isEmpty())
                        .flatMap(member -> member.assignment().topicPartitions().stream()
                                .map(partition -> Map.entry(partition, member)))
                        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().consumerId()));
            }, owners -> owners.size() == 3 && Set.copyOf(owners.values()).size() == 2);
        }
    }

    private static void send(Producer<String, byte[]> producer, Object event) {
        var record = new ProducerRecord<>(Topics.PRODUCT_EVENTS, EventType.aggregateId(event), EventJson.write(event));
        record.headers().add(CloudEventHeaders.TYPE, EventType.of(event).ceType().getBytes(StandardCharsets.UTF_8));
        producer.send(record);
    }

    private static ProductState product(long id, long version, ProductStatus status) {
        return new ProductState(id, version, "Drip " + id, 2000 + (int) version, status, NOW);
    }

    /**
     * Every order event on the topic: once the outbox is empty, everything committed is on the broker, so reading up
     * to the end offsets sees it all.
     */
    private static List<OrderPlaced> publishedOnceTheOutboxIsEmpty() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> jdbc().sql("SELECT COUNT(*) FROM outbox_event").query(Long.class).single() == 0);
        Map<String, Object> config = KafkaTestUtils.consumerProps(broker, "order-replicas-test", false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            List<TopicPartition> partitions = IntStream.range(0, 3)
                    .mapToObj(partition -> new TopicPartition(Topics.ORDER_EVENTS, partition)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<OrderPlaced> published = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(record ->
                        published.add((OrderPlaced) EventJson.read(EventType.ORDER_PLACED, record.value())));
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
            return published;
        }
    }

    private static JdbcClient jdbc() {
        return instances.getFirst().getBean(JdbcClient.class);
    }

    private static HttpResponse<String> placeOrder(int instance, String token) {
        int port = instances.get(instance).getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"productId\": 1}"));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("placing an order failed", e);
        }
    }
}
