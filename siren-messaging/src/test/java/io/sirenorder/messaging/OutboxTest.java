package io.sirenorder.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.sirenorder.events.CloudEventHeaders;
import io.sirenorder.events.EventJson;
import io.sirenorder.events.EventType;
import io.sirenorder.events.ProductRegistered;
import io.sirenorder.events.ProductState;
import io.sirenorder.events.ProductStatus;
import io.sirenorder.events.ProductUpdated;
import io.sirenorder.events.Topics;
import io.sirenorder.messaging.outbox.Outbox;
import io.sirenorder.messaging.outbox.OutboxRelay;
import io.sirenorder.messaging.outbox.OutboxTracing;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest
@EmbeddedKafka(partitions = 3)
class OutboxTest {

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    OutboxRelay relay;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Tracer tracer;
    @Autowired
    FinishedSpans spans;

    Consumer<String, byte[]> consumer;
    final List<ConsumerRecord<String, byte[]>> receivedSoFar = new ArrayList<>();

    @BeforeEach
    void subscribe() {
        Map<String, Object> config = KafkaTestUtils.consumerProps(broker, "outbox-test-" + System.nanoTime(), false);
        consumer = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new ByteArrayDeserializer())
                .createConsumer();
        consumer.subscribe(List.of(Topics.PRODUCT_EVENTS));
    }

    @AfterEach
    void close() {
        consumer.close();
    }

    @Test
    void anEventCommittedWithItsChangeIsPublishedInOrderWithCloudEventsHeaders() {
        Instant now = Instant.parse("2026-11-25T09:00:00Z");
        var registered = new ProductRegistered(new ProductState(41, 1, "Mocha", 5000, ProductStatus.Available, now));
        var soldOut = new ProductUpdated(new ProductState(41, 2, "Mocha", 5000, ProductStatus.SoldOut, now),
                ProductStatus.Available);
        transaction.executeWithoutResult(tx -> outbox.add(registered));
        transaction.executeWithoutResult(tx -> outbox.add(soldOut));

        List<ConsumerRecord<String, byte[]>> records = receive("41", 2);

        assertThat(records).extracting(r -> EventJson.read(EventType.fromCeType(header(r, CloudEventHeaders.TYPE))
                .orElseThrow(), r.value())).containsExactly(registered, soldOut);
        ConsumerRecord<String, byte[]> first = records.getFirst();
        assertThat(header(first, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(first, CloudEventHeaders.SOURCE)).isEqualTo("/sirenorder/messaging-test");
        assertThat(header(first, CloudEventHeaders.SUBJECT)).isEqualTo("41");
        assertThat(header(first, CloudEventHeaders.ID)).hasSize(36).isNotEqualTo(header(records.get(1),
                CloudEventHeaders.ID));
        await().atMost(Duration.ofSeconds(5)).until(() -> outboxSize() == 0);
    }

    @Test
    void aRolledBackChangePublishesNothing() {
        var state = new ProductState(42, 1, null, 100, ProductStatus.Available, Instant.now());
        transaction.executeWithoutResult(tx -> {
            outbox.add(new ProductRegistered(state));
            tx.setRollbackOnly();
        });
        var marker = new ProductRegistered(new ProductState(43, 1, null, 100, ProductStatus.Available,
                Instant.now()));
        transaction.executeWithoutResult(tx -> outbox.add(marker));

        receive("43", 1);
        assertThat(receivedSoFar).extracting(ConsumerRecord::key).doesNotContain("42");
    }

    @Test
    void anEventOutsideATransactionIsRefused() {
        var state = new ProductState(44, 1, null, 100, ProductStatus.Available, Instant.now());
        assertThatThrownBy(() -> outbox.add(new ProductRegistered(state)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(outboxSize()).isZero();
    }

    @Test
    void eachOutboxWriteIsTimed() {
        Timer append = meters.get("siren.outbox.append").timer();
        long before = append.count();
        var state = new ProductState(45, 1, null, 100, ProductStatus.Available, Instant.now());

        transaction.executeWithoutResult(tx -> {
            outbox.add(new ProductRegistered(state));
            tx.setRollbackOnly(); // leaves nothing to publish: the write is what is timed
        });

        assertThat(append.count()).isEqualTo(before + 1);
    }

    @Test
    void theLagOfARecordIsTimedFromItsCommitToItsAcknowledgement() {
        Timer lag = meters.get("siren.outbox.lag").timer();
        double secondsBefore = lag.totalTime(TimeUnit.SECONDS);
        // as if committed a minute ago, then left behind by a crash until now
        var minuteAgo = new Outbox(jdbc, relay, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-1)),
                meters.get("siren.outbox.append").timer(), OutboxTracing.none());
        var state = new ProductState(46, 1, null, 100, ProductStatus.Available, Instant.now());

        transaction.executeWithoutResult(tx -> minuteAgo.add(new ProductRegistered(state)));

        receive("46", 1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(lag.totalTime(TimeUnit.SECONDS) - secondsBefore).isBetween(60.0, 70.0));
        await().atMost(Duration.ofSeconds(5)).until(() -> outboxSize() == 0);
    }

    @Test
    void aRelayedEventCarriesTheTraceOfTheChangeThatWroteItNotTheRelayThreads() {
        // as after a crash: two changes, each in a trace of its own, wait in the outbox and go in one batch, both on
        // the relay's one thread, which is in neither trace
        relay.stop();
        Span first;
        Span second;
        try {
            first = inNewSpan(() -> transaction.executeWithoutResult(tx -> outbox.add(registered(47))));
            second = inNewSpan(() -> transaction.executeWithoutResult(tx -> outbox.add(registered(48))));
            assertThat(jdbc.sql("SELECT traceparent FROM outbox_event ORDER BY id").query(String.class).list())
                    .containsExactly(traceparent(first), traceparent(second));
        } finally {
            relay.start();
        }

        for (Span writer : List.of(first, second)) {
            String key = first == writer ? "47" : "48";
            String sent = header(receive(key, 1).getFirst(), "traceparent");
            assertThat(sent).as("the record's traceparent").startsWith("00-" + writer.context().traceId() + "-");
            // the relay's span is the writer's child and begins at the commit; the producer's span is the relay's
            await().atMost(Duration.ofSeconds(5)).until(() -> spans.named("outbox relay", writer) != null);
            MutableSpan relayed = spans.named("outbox relay", writer);
            assertThat(relayed.parentId()).isEqualTo(writer.context().spanId());
            assertThat(relayed.tag("messaging.destination.name")).isEqualTo(Topics.PRODUCT_EVENTS);
            assertThat(sent.split("-")[2]).as("the record's parent span: the producer's")
                    .isNotEqualTo(relayed.id()).isNotEqualTo(writer.context().spanId());
        }
    }

    private Span inNewSpan(Runnable work) {
        Span span = tracer.nextSpan().name("a customer's request").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            work.run();
        } finally {
            span.end();
        }
        return span;
    }

    private static String traceparent(Span span) {
        return "00-%s-%s-01".formatted(span.context().traceId(), span.context().spanId());
    }

    private static ProductRegistered registered(long productId) {
        return new ProductRegistered(new ProductState(productId, 1, null, 100, ProductStatus.Available,
                Instant.now()));
    }

    /** The spans the service's tracer finished, as Zipkin would be sent them. */
    static class FinishedSpans extends SpanHandler {

        private final List<MutableSpan> finished = new CopyOnWriteArrayList<>();

        @Override
        public boolean end(TraceContext context, MutableSpan span, Cause cause) {
            finished.add(span);
            return true;
        }

        List<MutableSpan> inTrace(String traceId) {
            return finished.stream().filter(span -> span.traceId().equals(traceId)).toList();
        }

        MutableSpan named(String name, Span inTraceOf) {
            return finished.stream().filter(span -> name.equals(span.name())
                    && span.traceId().equals(inTraceOf.context().traceId())).findFirst().orElse(null);
        }
    }

    /** The services get their registry from Actuator. */
    @TestConfiguration
    static class Metrics {

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        FinishedSpans finishedSpans() {
            return new FinishedSpans();
        }
    }

    /** Polls until {@code count} records with {@code key} arrived; returns those, in order. */
    private List<ConsumerRecord<String, byte[]>> receive(String key, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            consumer.poll(Duration.ofMillis(100)).forEach(receivedSoFar::add);
            return withKey(key).size() >= count;
        });
        return withKey(key);
    }

    private List<ConsumerRecord<String, byte[]>> withKey(String key) {
        return receivedSoFar.stream().filter(record -> record.key().equals(key)).toList();
    }

    private long outboxSize() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_event").query(Long.class).single();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
