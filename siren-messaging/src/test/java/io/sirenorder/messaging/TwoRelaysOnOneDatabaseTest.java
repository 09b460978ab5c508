package io.sirenorder.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sirenorder.events.CloudEventHeaders;
import io.sirenorder.events.EventJson;
import io.sirenorder.events.EventType;
import io.sirenorder.events.ProductEvent;
import io.sirenorder.events.ProductState;
import io.sirenorder.events.ProductStatus;
import io.sirenorder.events.ProductUpdated;
import io.sirenorder.events.Topics;
import io.sirenorder.messaging.outbox.Outbox;
import io.sirenorder.messaging.outbox.OutboxRelay;
import io.sirenorder.messaging.outbox.OutboxTracing;
import io.sirenorder.testing.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two instances of a service on one PostgreSQL database, as two replicas run: each with its own connection pool,
 * Kafka producer and relay, and clerks on both sides changing the same few products at once. Every change is made
 * as the services make it: the product's row locked, its version raised and its event added, in one transaction.
 * <p>
 * The relays never poll here (their idle poll is an hour away): each is woken by its own instance's commits only,
 * so an event that got through waited for no idle poll.
 */
@EmbeddedKafka(partitions = 3, topics = Topics.PRODUCT_EVENTS)
class TwoRelaysOnOneDatabaseTest {

    private static final Duration NEVER = Duration.ofHours(1);

    private final EmbeddedKafkaBroker broker;
    private JdbcClient database;
    private Instance a;
    private Instance b;

    TwoRelaysOnOneDatabaseTest(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    @BeforeEach
    void twoInstancesOnOneDatabase() {
        TestPostgres.Database postgres = TestPostgres.newDatabase();
        Flyway.configure().dataSource(postgres.url(), postgres.username(), postgres.password()).load().migrate();
        a = new Instance("a", postgres);
        b = new Instance("b", postgres);
        database = a.jdbc;
        database.sql("CREATE TABLE product (id BIGINT PRIMARY KEY, version BIGINT NOT NULL)").update();
    }

    @AfterEach
    void stopBoth() {
        a.close();
        b.close();
    }

    @Test
    void concurrentChangesOnBothInstancesArePublishedOnceEachInVersionOrder() throws Exception {
        List<Long> products = products(1_000, 5);
        int writersPerInstance = 4;
        int changesPerWriter = 50;

        try (ExecutorService clerks = Executors.newFixedThreadPool(2 * writersPerInstance)) {
            List<Future<?>> done = new ArrayList<>();
            for (Instance instance : List.of(a, b)) {
                for (int writer = 0; writer < writersPerInstance; writer++) {
                    done.add(clerks.submit(() -> {
                        for (int change = 0; change < changesPerWriter; change++) {
                            instance.change(products.get(ThreadLocalRandom.current().nextInt(products.size())));
                        }
                    }));
                }
            }
            for (Future<?> writer : done) {
                writer.get(60, TimeUnit.SECONDS);
            }
        }

        List<ConsumerRecord<String, byte[]>> published = publishedOnceTheOutboxIsEmpty(products);
        assertThat(published).hasSize(2 * writersPerInstance * changesPerWriter);
        assertEveryVersionOnceInOrder(products, published);
        // both relays took turns, not one of them alone
        assertThat(published).extracting(record -> RawRecords.header(record, CloudEventHeaders.SOURCE))
                .contains("/sirenorder/a", "/sirenorder/b");
    }

    @Test
    void aRelayStoppedInTheMiddleOfABatchLeavesNothingStuck() throws Exception {
        List<Long> products = products(2_000, 3);
        a.kafka.hold();
        a.change(products.get(0));
        // a's relay has taken its turn and waits for acknowledgements that will not come
        assertThat(a.kafka.holding.await(10, TimeUnit.SECONDS)).isTrue();

        for (long product : products) {
            b.change(product);
            b.change(product);
        }
        // committed on b, whose relay was woken and waits for its turn: nothing can have been sent meanwhile
        assertThat(outboxSize()).isEqualTo(7);

        a.relay.stop(); // as its service shuts down: a batch that cannot finish is given up, and the lock let go
        List<ConsumerRecord<String, byte[]>> published = publishedOnceTheOutboxIsEmpty(products);

        assertEveryVersionOnceInOrder(products, published);
        assertThat(published).extracting(record -> RawRecords.header(record, CloudEventHeaders.SOURCE))
                .containsOnly("/sirenorder/b");
    }

    /** One service instance: its own pool, producer, relay and outbox. */
    private final class Instance implements AutoCloseable {

        final HikariDataSource pool = new HikariDataSource();
        final JdbcClient jdbc;
        final TransactionTemplate transactions;
        final DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new ByteArraySerializer());
        final HoldableKafka kafka = new HoldableKafka(producers);
        final OutboxRelay relay;
        final Outbox outbox;

        Instance(String name, TestPostgres.Database postgres) {
            pool.setJdbcUrl(postgres.url());
            pool.setUsername(postgres.username());
            pool.setPassword(postgres.password());
            pool.setMaximumPoolSize(6);
            jdbc = JdbcClient.create(pool);
            transactions = new TransactionTemplate(new JdbcTransactionManager(pool));
            var meters = new SimpleMeterRegistry();
            relay = new OutboxRelay(pool, kafka, "/sirenorder/" + name, NEVER, Clock.systemUTC(),
                    meters.timer("lag"), OutboxTracing.none());
            outbox = new Outbox(jdbc, relay, Clock.systemUTC(), meters.timer("append"), OutboxTracing.none());
            relay.start();
        }

        void change(long productId) {
            transactions.executeWithoutResult(tx -> {
                long version = jdbc.sql("SELECT version FROM product WHERE id = ? FOR UPDATE").param(productId)
                        .query(Long.class).single() + 1;
                jdbc.sql("UPDATE product SET version = ? WHERE id = ?").params(version, productId).update();
                outbox.add(new ProductUpdated(new ProductState(productId, version, null, (int) version,
                        ProductStatus.Available, Instant.now()), ProductStatus.Available));
            });
        }

        @Override
        public void close() {
            relay.stop();
            producers.destroy();
            pool.close();
        }
    }

    /** Sends as usual until held; from then on acknowledges nothing, as a broker that stopped answering it. */
    private static final class HoldableKafka extends KafkaTemplate<String, byte[]> {

        final CountDownLatch holding = new CountDownLatch(1);
        private volatile boolean held;

        HoldableKafka(ProducerFactory<String, byte[]> producers) {
            super(producers);
        }

        void hold() {
            held = true;
        }

        @Override
        public CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record) {
            if (held) {
                holding.countDown();
                return new CompletableFuture<>();
            }
            return super.send(record);
        }
    }

    /** {@code count} products, ids from {@code firstId} (each test its own, as they share the topic), version 0. */
    private List<Long> products(long firstId, int count) {
        List<Long> ids = LongStream.range(firstId, firstId + count).boxed().toList();
        ids.forEach(id -> database.sql("INSERT INTO product (id, version) VALUES (?, 0)").param(id).update());
        return ids;
    }

    /** Per product, its versions as published: each from 1 to the product's version now, once, in order. */
    private void assertEveryVersionOnceInOrder(List<Long> products, List<ConsumerRecord<String, byte[]>> published) {
        Map<Long, List<Long>> versions = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : published) {
            ProductEvent event = (ProductEvent) EventJson.read(EventType.fromCeType(
                    RawRecords.header(record, CloudEventHeaders.TYPE)).orElseThrow(), record.value());
            versions.computeIfAbsent(event.product().productId(), id -> new ArrayList<>())
                    .add(event.product().version());
        }
        assertThat(versions.keySet()).containsExactlyElementsOf(products);
        versions.forEach((product, inOrder) -> {
            long now = database.sql("SELECT version FROM product WHERE id = ?").param(product).query(Long.class)
                    .single();
            assertThat(inOrder).as("versions of product %d", product)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, now).boxed().toList());
        });
    }

    /**
     * The records of {@code products} on the topic, in each partition's order: once the outbox is empty, everything
     * committed is on the broker, so reading up to the end offsets sees it all.
     */
    private List<ConsumerRecord<String, byte[]>> publishedOnceTheOutboxIsEmpty(List<Long> products) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> outboxSize() == 0);
        Map<String, Object> config = KafkaTestUtils.consumerProps(broker, "relays-" + System.nanoTime(), false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PRODUCT_EVENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> published = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(published::add);
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
            return published.stream().filter(record -> products.contains(Long.valueOf(record.key()))).toList();
        }
    }

    private long outboxSize() {
        return database.sql("SELECT COUNT(*) FROM outbox_event").query(Long.class).single();
    }
}
