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
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox to Kafka, oldest first, one batch at a time across every instance of the service. Each batch is
 * a database transaction that first locks the one row of {@code outbox_relay}, and only then reads the oldest rows,
 * sends them, waits for the broker's acknowledgements and deletes what was acknowledged. So the relays of several
 * instances on one database take turns: each reads the outbox only after the one before has deleted what it sent,
 * and only one batch is ever in flight. That is what keeps the events of one aggregate in the order they were
 * committed, and keeps two instances from sending the same row twice. Skipping locked rows instead ({@code SKIP
 * LOCKED}) would let two relays send two batches at once, and an aggregate's later event could overtake its earlier
 * one. The rows are read at READ COMMITTED, the default of PostgreSQL and H2, so that a relay whose turn has come
 * sees what the previous one deleted.
 * <p>
 * A row is deleted only once the broker has acknowledged it and every row before it. When a send fails, the
 * deletions of what was acknowledged are committed all the same and the rest is sent again after a pause, so a
 * consumer may see a duplicate but never a gap or a reordering. A batch given up as its service stops (see
 * {@link #stop()}) may still reach the broker after another instance has sent it again: a late copy of events the
 * consumers already have, which they ignore as they ignore any repeated or stale event.
 * <p>
 * It wakes up on every commit of its own instance (no polling delay), waiting for its turn if another instance's
 * relay is sending, and also every {@code idlePoll}, to pick up rows left by a crash. Nothing is locked between
 * batches, so a stopped or idle instance holds up no one; a crashed one's lock goes with its connection.
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
    /** How long a stopping relay, once interrupted, is given to commit what was acknowledged and let go of the lock. */
    private static final Duration RELEASE_GRACE = Duration.ofSeconds(1);

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final String source;
    private final Duration idlePoll;
    private final Clock clock;
    private final Timer lag;
    private final OutboxTracing tracing;
    private final Semaphore work = new Semaphore(0);
    private volatile Thread thread;

    /**
     * Reads, locks and deletes through {@code dataSource}: the database the service's outbox is in. Each event is
     * sent in the trace of the change that stored it ({@code tracing}).
     */
    public OutboxRelay(DataSource dataSource, KafkaTemplate<String, byte[]> kafka, String source, Duration idlePoll,
            Clock clock, Timer lag, OutboxTracing tracing) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.kafka = kafka;
        this.source = source;
        this.idlePoll = idlePoll;
        this.clock = clock;
        this.lag = lag;
        this.tracing = tracing;
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

    /**
     * Lets the batch in flight finish (so nothing is sent twice needlessly), then ends the relay; a batch that does
     * not finish in time is interrupted, commits the deletions of what was acknowledged, and lets go of the lock so
     * that another instance's relay takes over.
     */
    @Override
    public void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            work.release();
            try {
                running.join(STOP_GRACE);
                running.interrupt();
                running.join(RELEASE_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Started before the web server and stopped after it: what the requests it lets finish commit as the service
     * shuts down is still sent by this instance, not left for another instance's idle poll or the next start.
     */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 4096;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private boolean stopping() {
        return thread != Thread.currentThread();
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        while (!stopping()) {
            try {
                work.tryAcquire(idlePoll.toMillis(), TimeUnit.MILLISECONDS);
                work.drainPermits();
                while (publishBatch() == BATCH_SIZE) {
                    // a full batch means more may be waiting
                }
                backoff = Duration.ofMillis(100);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (stopping()) {
                    return; // what was not acknowledged stays in the outbox, for another instance or the next start
                }
                log.warn("Outbox events not yet published, retrying in {} ms: {}", backoff.toMillis(), e.toString());
                if (!pause(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** One batch in one transaction; a failed send is thrown once what was acknowledged is committed. */
    private int publishBatch() throws Exception {
        Batch batch = transactions.execute(status -> sendOldestInTurn());
        if (batch.failure() != null) {
            throw batch.failure();
        }
        return batch.size();
    }

    private Batch sendOldestInTurn() {
        // blocks while another instance's relay has a batch in flight; held until this transaction ends
        jdbc.sql("SELECT id FROM outbox_relay FOR UPDATE").query(Integer.class).optional().orElseThrow(() ->
                new IllegalStateException("the table outbox_relay must hold its one row (see the migrations)"));
        if (stopping()) {
            // the turn came as the service stops: the rows are left to another instance or the next start
            return new Batch(0, null);
        }
        List<OutboxRow> rows = jdbc.sql("""
                        SELECT id, event_id, event_type, topic, record_key, payload, occurred_at, traceparent
                        FROM outbox_event ORDER BY id FETCH FIRST %d ROWS ONLY""".formatted(BATCH_SIZE))
                .query((rs, n) -> new OutboxRow(rs.getLong("id"), rs.getString("event_id"),
                        rs.getString("event_type"), rs.getString("topic"), rs.getString("record_key"),
                        rs.getString("payload"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("traceparent")))
                .list();
        List<Long> acknowledged = new ArrayList<>(rows.size());
        Exception failure = null;
        try {
            List<CompletableFuture<?>> sends = new ArrayList<>(rows.size());
            for (OutboxRow row : rows) {
                // timed in the producer's callback, when the acknowledgement arrives, not when this thread gets to it
                sends.add(tracing.continueTrace(row.traceparent(), row.occurredAt(), row.topic(),
                                () -> kafka.send(toRecord(row)))
                        .thenRun(() -> lag.record(Duration.between(row.occurredAt(), clock.instant()))));
            }
            for (int i = 0; i < rows.size(); i++) {
                sends.get(i).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                acknowledged.add(rows.get(i).id());
            }
        } catch (InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
            failure = e;
            // stopping: forget the interrupt (Kafka's own exception sets it again), so the deletions still commit
            Thread.interrupted();
        }
        if (!acknowledged.isEmpty()) {
            jdbc.sql("DELETE FROM outbox_event WHERE id IN (:ids)").param("ids", acknowledged).update();
        }
        return new Batch(rows.size(), failure);
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

    /** How many rows a batch read, and why it sent only some of them, if it did. */
    private record Batch(int size, Exception failure) {
    }

    private record OutboxRow(long id, String eventId, String eventType, String topic, String recordKey,
                             String payload, Instant occurredAt, String traceparent) {
    }
}
