package io.sirenorder.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import brave.handler.MutableSpan;
import io.micrometer.observation.ObservationRegistry;
import io.sirenorder.events.EventJson;
import io.sirenorder.events.EventType;
import io.sirenorder.events.OrderEvent;
import io.sirenorder.events.OrderPlaced;
import io.sirenorder.events.Topics;
import io.sirenorder.messaging.consumer.EventConsumerAutoConfiguration;
import io.sirenorder.messaging.consumer.TransactionalBatch;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;

/**
 * A batch listener applying order events through {@link TransactionalBatch}, against a stand-in database that keeps
 * only what its transactions commit: whatever fails, every good event is committed exactly once, in order.
 */
@SpringBootTest(classes = TransactionalBatchTest.BatchApplication.class)
@EmbeddedKafka(partitions = 1)
class TransactionalBatchTest {

    /** An order that can never be applied. */
    private static final long UNAPPLIABLE = 666;
    /** An order that finds the database down at its first four attempts. */
    private static final long DURING_AN_OUTAGE = 777;

    @Autowired
    Database database;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    OutboxTest.FinishedSpans spans;

    @BeforeEach
    void forgetWhatOtherTestsCommitted() {
        database.committed.clear();
    }

    @Test
    void goodEventsAreCommittedOnceInOrderAndBadOnesAreDeadLetteredAlone() {
        List<OrderPlaced> good = List.of(order(1), order(2), order(3), order(4));
        RawRecords.send(broker, record(EventJson.write(good.get(0))),
                record("{not json".getBytes(StandardCharsets.UTF_8)),
                record(EventJson.write(good.get(1))),
                record(EventJson.write(order(UNAPPLIABLE))),
                record(EventJson.write(good.get(2))),
                record(EventJson.write(order(DURING_AN_OUTAGE))),
                record(EventJson.write(good.get(3))));

        await().atMost(Duration.ofSeconds(30)).until(() -> database.committed.size() == 5);
        assertThat(database.committed).containsExactly(good.get(0), good.get(1), good.get(2),
                order(DURING_AN_OUTAGE), good.get(3));
        assertThat(database.outageLeft.get()).isNegative();

        List<ConsumerRecord<String, byte[]>> dead = RawRecords.receive(broker, Topics.deadLetter(Topics.ORDER_EVENTS), 2);
        assertThat(dead).extracting(r -> RawRecords.header(r, EventConsumerAutoConfiguration.REASON_HEADER))
                .anySatisfy(reason -> assertThat(reason).contains("unreadable"))
                .anySatisfy(reason -> assertThat(reason).contains("order 666 cannot be applied"));
        // the outage retried its event rather than dead-lettering it, and nothing was committed twice
        assertThat(database.committed).doesNotHaveDuplicates();
    }

    @Test
    void eachEventAppliedInABatchIsASpanInTheTraceItsRecordCarries() {
        String[] traces = {"4bf92f3577b34da6a3ce929d0e0e4736", "0af7651916cd43dd8448eb211c80319c"};
        String[] parents = {"00f067aa0ba902b7", "b7ad6b7169203331"};
        RawRecords.send(broker, traced(order(11), traces[0], parents[0]), traced(order(12), traces[1], parents[1]));

        await().atMost(Duration.ofSeconds(30)).until(() -> database.committed.size() == 2);
        for (int i = 0; i < traces.length; i++) {
            String trace = traces[i];
            await().atMost(Duration.ofSeconds(5)).until(() -> spans.inTrace(trace).size() == 1);
            MutableSpan applied = spans.inTrace(trace).getFirst();
            assertThat(applied.parentId()).isEqualTo(parents[i]);
            assertThat(applied.kind()).isEqualTo(brave.Span.Kind.CONSUMER);
        }
    }

    private static ProducerRecord<String, byte[]> traced(OrderPlaced order, String traceId, String parentId) {
        ProducerRecord<String, byte[]> record = record(EventJson.write(order));
        record.headers().add("traceparent",
                "00-%s-%s-01".formatted(traceId, parentId).getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** Not a {@code @SpringBootConfiguration}: the other tests of this package must not find it. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class BatchApplication {

        @Bean
        Database database() {
            return new Database();
        }

        @Bean
        BatchListener batchListener(Database database, ObservationRegistry observations) {
            return new BatchListener(database, observations);
        }

        @Bean
        OutboxTest.FinishedSpans finishedSpans() {
            return new OutboxTest.FinishedSpans();
        }
    }

    /** Transactions that keep what their callback stored, or nothing when it throws. */
    static class Database implements TransactionOperations {

        final List<OrderPlaced> committed = new CopyOnWriteArrayList<>();
        final AtomicInteger outageLeft = new AtomicInteger(4);
        private final ThreadLocal<List<OrderPlaced>> open = new ThreadLocal<>();

        @Override
        public <T> T execute(TransactionCallback<T> action) {
            open.set(new ArrayList<>());
            try {
                T result = action.doInTransaction(new SimpleTransactionStatus());
                committed.addAll(open.get());
                return result;
            } finally {
                open.remove();
            }
        }

        void store(OrderPlaced order) {
            if (order.orderId() == UNAPPLIABLE) {
                throw new IllegalStateException("order 666 cannot be applied");
            }
            if (order.orderId() == DURING_AN_OUTAGE && outageLeft.getAndDecrement() > 0) {
                throw new DataAccessResourceFailureException("database is down");
            }
            open.get().add(order);
        }
    }

    static class BatchListener {

        private final Database database;
        private final TransactionalBatch batch;

        BatchListener(Database database, ObservationRegistry observations) {
            this.database = database;
            this.batch = new TransactionalBatch(database, observations);
        }

        @KafkaListener(topics = Topics.ORDER_EVENTS, batch = "true", groupId = "batch-test")
        void on(List<ConsumerRecord<String, OrderEvent>> records) {
            batch.apply(records, event -> database.store((OrderPlaced) event));
        }
    }

    private static OrderPlaced order(long id) {
        return new OrderPlaced(id, 1, 1, 1000, null, Instant.parse("2026-11-30T10:00:00Z"));
    }

    private static ProducerRecord<String, byte[]> record(byte[] value) {
        return RawRecords.record(Topics.ORDER_EVENTS, "1", EventType.ORDER_PLACED.ceType(), value);
    }
}
