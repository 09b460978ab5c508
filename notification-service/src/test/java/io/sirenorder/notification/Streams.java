package io.sirenorder.notification;

import static org.awaitility.Awaitility.await;

import io.sirenorder.events.OrderPlaced;
import io.sirenorder.events.ProductRegistered;
import io.sirenorder.events.ProductState;
import io.sirenorder.events.ProductStatus;
import io.sirenorder.events.ProductUpdated;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/** Opens notification streams on the service under test, once its consumers read the topics. */
class Streams {

    // a product and a customer no test uses, changed and ordering until a stream hears of them
    private static final long PROBE = 999_999;
    private static final String PROBE_CUSTOMER = "probe";

    private final IntSupplier port;
    private final Outboxes outboxes;
    private final AtomicLong probeVersion = new AtomicLong();
    private final AtomicLong probeOrder = new AtomicLong(PROBE * 10);
    private volatile boolean live;

    Streams(IntSupplier port, Outboxes outboxes) {
        this.port = port;
        this.outboxes = outboxes;
    }

    EventStream open(String query) {
        return open(query, null);
    }

    EventStream open(String query, String lastEventId) {
        awaitLive();
        return EventStream.open(uri(query), lastEventId);
    }

    private URI uri(String query) {
        return URI.create("http://127.0.0.1:" + port.getAsInt() + "/notifications/stream" + query);
    }

    /**
     * The consumers start at the end of the log, wherever it is when Kafka assigns them their partitions: a record
     * published before that is never seen. A probe on each topic that reaches a stream proves that everything
     * published after it will.
     */
    private synchronized void awaitLive() {
        if (live) {
            return;
        }
        try (var stream = EventStream.open(uri("?customerId=" + PROBE_CUSTOMER), null)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                long version = probeVersion.incrementAndGet();
                var state = new ProductState(PROBE, version, "Probe", 1000, ProductStatus.Available, Instant.now());
                outboxes.publish(version == 1 ? new ProductRegistered(state)
                        : new ProductUpdated(state, ProductStatus.Available));
                return heardOf(stream, "version", version);
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                long orderId = probeOrder.incrementAndGet();
                outboxes.publish(new OrderPlaced(orderId, PROBE, 1, 1000, PROBE_CUSTOMER, Instant.now()));
                return heardOf(stream, "orderId", orderId);
            });
        }
        live = true;
    }

    /** Whether this probe reaches the stream soon; earlier ones, late, may come first. */
    private static boolean heardOf(EventStream stream, String field, long value) {
        for (var event = stream.next(Duration.ofMillis(500)); event.isPresent();
                event = stream.next(Duration.ofMillis(500))) {
            if (event.get().json().path(field).asLong() == value) {
                return true;
            }
        }
        return false;
    }
}
