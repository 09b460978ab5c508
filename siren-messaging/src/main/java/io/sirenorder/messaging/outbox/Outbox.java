package io.sirenorder.messaging.outbox;

import io.micrometer.core.instrument.Timer;
import io.sirenorder.events.EventJson;
import io.sirenorder.events.EventType;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transactional outbox. An event is stored in the same database transaction as the change it describes, so
 * it exists exactly when the change does, with the change's trace (see {@link OutboxTracing}); the {@link OutboxRelay} sends it to Kafka right after the commit and
 * keeps retrying until the broker acknowledges it. Several instances of a service may share the database: their
 * relays take turns. Needs the tables {@code outbox_event} and {@code outbox_relay}, the latter with its one row (see
 * the services' Flyway migrations).
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final OutboxRelay relay;
    private final Clock clock;
    private final Timer append;
    private final OutboxTracing tracing;

    /**
     * {@code append} times each {@link #add}: the cost the outbox adds to a change; {@code tracing} stores the
     * change's trace with its event.
     */
    public Outbox(JdbcClient jdbc, OutboxRelay relay, Clock clock, Timer append, OutboxTracing tracing) {
        this.jdbc = jdbc;
        this.relay = relay;
        this.clock = clock;
        this.append = append;
        this.tracing = tracing;
    }

    /** Records {@code event} for publication; must run inside the transaction that makes the change. */
    public void add(Object event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an event must be added in the transaction that makes the change");
        }
        append.record(() -> insert(event));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }

    private void insert(Object event) {
        EventType type = EventType.of(event);
        jdbc.sql("""
                        INSERT INTO outbox_event
                            (event_id, event_type, topic, record_key, payload, occurred_at, traceparent)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID().toString(), type.ceType(), type.topic(), EventType.aggregateId(event),
                        new String(EventJson.write(event), StandardCharsets.UTF_8), Timestamp.from(clock.instant()),
                        tracing.currentTraceparent())
                .update();
    }
}
