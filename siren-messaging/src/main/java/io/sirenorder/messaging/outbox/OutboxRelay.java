package io.sirenorder.messaging.outbox;

import io.micrometer.core.instrument.Timer;
import io.sirenorder.events.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends the outbox to Kafka, oldest first, from one thread: that single writer is what keeps the events of one
 * aggregate in the order they were committed. A row is deleted only once the broker has acknowledged it and every
 * row before it; after a failure the rest is sent again, so a consumer may see a duplicate but never a gap or a
 * reordering. It wakes up on every commit (no polling delay) and also every {@code idlePoll}, to pick up rows left
 * by a crash or committed elsewhere.
 * <p>
 * The {@code lag} timer takes, for every acknowledged record, the time from its event's {@code occurred_at} (set
 * in the transaction, just before its commit) to the broker's acknowledgement: how long a committed change takes
 * to be on the topic. A record sent again after a failure counts again, with its longer lag.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH_SIZE = 500;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final KafkaTemplate<String, byte[]> kafka;
    private final String source;
    private final Duration idlePoll;
    private final Clock clock;
    private final Timer lag;
    private final Semaphore work = new Semaphore(0);
    private volatile Thread thread;

    public OutboxRelay(JdbcClient jdbc, KafkaTemplate<String, byte[]> kafka, String source, Duration idlePoll,
            Clock clock, Timer lag) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.source = source;
        this.idlePoll = idlePoll;
        this.clock = clock;
        this.lag = lag;
    }

    void wakeUp() {
        work.release();
    }

    @Override
    public void start() {
        Thread relay = Thread.ofPlatform().name("outbox-relay").daemon().unstarted(this::run);
        thread = relay;
        relay.start();
    }

    /** Lets the batch in flight finish (so nothing is sent twice needlessly), then ends the relay. */
    @Override
    public void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            work.release();
            try {
                running.join(STOP_GRACE.toMillis());
                running.interrupt();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        while (thread == Thread.currentThread()) {
            try {
                work.tryAcquire(idlePoll.toMillis(), TimeUnit.MILLISECONDS);
                work.drainPermits();
                while (publishBatch() == BATCH_SIZE) {
                    // a full batch means more may be waiting
                }
                backoff = Duration.ofMillis(100);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | ExecutionException | TimeoutException e) {
                if (thread != Thread.currentThread()) {
                    return; // stopping: what was not acknowledged stays in the outbox for the next start
                }
                log.warn("Outbox events not yet published, retrying in {} ms: {}", backoff.toMillis(), e.toString());
                if (!pause(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private int publishBatch() throws InterruptedException, ExecutionException, TimeoutException {
        List<OutboxRow> rows = jdbc.sql("""
                        SELECT id, event_id, event_type, topic, record_key, payload, occurred_at
                        FROM outbox_event ORDER BY id FETCH FIRST %d ROWS ONLY""".formatted(BATCH_SIZE))
                .query((rs, n) -> new OutboxRow(rs.getLong("id"), rs.getString("event_id"),
                        rs.getString("event_type"), rs.getString("topic"), rs.getString("record_key"),
                        rs.getString("payload"), rs.getTimestamp("occurred_at").toInstant()))
                .list();
        if (rows.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<?>> sends = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            // timed in the producer's callback, when the acknowledgement arrives, not when this thread gets to it
            sends.add(kafka.send(toRecord(row))
                    .thenRun(() -> lag.record(Duration.between(row.occurredAt(), clock.instant()))));
        }
        List<Long> acknowledged = new ArrayList<>(rows.size());
        try {
            for (int i = 0; i < rows.size(); i++) {
                sends.get(i).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                acknowledged.add(rows.get(i).id());
            }
        } finally {
            if (!acknowledged.isEmpty()) {
                jdbc.sql("DELETE FROM outbox_event WHERE id IN (:ids)").param("ids", acknowledged).update();
            }
        }
        return rows.size();
    }

    private ProducerRecord<String, byte[]> toRecord(OutboxRow row) {
        var headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_1_0));
        headers.add(CloudEventHeaders.ID, bytes(row.eventId()));
        headers.add(CloudEventHeaders.TYPE, bytes(row.eventType()));
        headers.add(CloudEventHeaders.SOURCE, bytes(source));
        headers.add(CloudEventHeaders.SUBJECT, bytes(row.recordKey()));
        headers.add(CloudEventHeaders.TIME, bytes(row.occurredAt().toString()));
        headers.add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
        return new ProducerRecord<>(row.topic(), null, row.recordKey(),
                row.payload().getBytes(StandardCharsets.UTF_8), headers);
    }

    private boolean pause(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private record OutboxRow(long id, String eventId, String eventType, String topic, String recordKey,
                             String payload, Instant occurredAt) {
    }
}
