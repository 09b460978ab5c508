package io.sirenorder.notification;

import static org.awaitility.Awaitility.await;

import io.sirenorder.events.OrderPlaced;
import io.sirenorder.events.ProductRegistered;
import io.sirenorder.events.ProductState;
import io.sirenorder.events.ProductStatus;
import io.sirenorder.events.ProductUpdated;
import io.sirenorder.testing.security.TestIssuer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/** Opens notification streams on the instances under test, once their consumers all read the topics. */
class Streams {

    // a product and a customer no test uses, changed and ordering until a stream hears of them
    private static final long PROBE = 999_999;
    private static final String PROBE_CUSTOMER = "probe";

    private final Outboxes outboxes;
    private final List<IntSupplier> ports;
    private final AtomicLong probeVersion = new AtomicLong();
    private final AtomicLong probeOrder = new AtomicLong(PROBE * 10);
    private volatile boolean live;

    /** {@code ports}: each instance's, numbered from 0 in this order. */
    Streams(Outboxes outboxes, IntSupplier... ports) {
        this.outboxes = outboxes;
        this.ports = List.of(ports);
    }

    /** On the first instance. */
    EventStream open(String query) {
        return open(query, null);
    }

    /** On the first instance, as the customer {@code name}, whose token goes in the query as a browser's would. */
    EventStream openFor(String name) {
        return open(asCustomer(name));
    }

    /** On the first instance, as a clerk, whose token goes in the query as a browser's would. */
    EventStream openForClerk() {
        return open(asClerk());
    }

    /** On the first instance, as the customer {@code name}, whose token goes in the {@code Authorization} header. */
    EventStream openWithHeaderFor(String name) {
        awaitLive();
        return EventStream.open(uri(ports.getFirst(), ""), null, TestIssuer.get().customer(name));
    }

    /** The query that makes a stream the customer {@code name}'s. */
    static String asCustomer(String name) {
        return "?access_token=" + TestIssuer.get().customer(name);
    }

    /** The query that makes a stream a clerk's. */
    static String asClerk() {
        return "?access_token=" + TestIssuer.get().clerk();
    }

    /** On the first instance. */
    EventStream open(String query, String lastEventId) {
        return open(0, query, lastEventId);
    }

    EventStream open(int instance, String query, String lastEventId) {
        awaitLive();
        return EventStream.open(uri(ports.get(instance), query), lastEventId, null);
    }

    private static URI uri(IntSupplier port, String query) {
        return URI.create("http://127.0.0.1:" + port.getAsInt() + "/notifications/stream" + query);
    }

    /**
     * The consumers start at the end of the log, wherever it is when Kafka assigns them their partitions: a record
     * published before that is never seen. A probe on each topic that reaches a stream on every instance proves that
     * everything published after it will; and that they have all consumed the same records, so that they give the
     * events that follow the same ids.
     */
    private synchronized void awaitLive() {
        if (live) {
            return;
        }
        List<EventStream> streams = new ArrayList<>();
        try {
            for (IntSupplier port : ports) {
                streams.add(EventStream.open(uri(port, asCustomer(PROBE_CUSTOMER)), null, null));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                long version = probeVersion.incrementAndGet();
                var state = new ProductState(PROBE, version, "Probe", 1000, ProductStatus.Available, Instant.now());
                outboxes.publish(version == 1 ? new ProductRegistered(state)
                        : new ProductUpdated(state, ProductStatus.Available));
                return heardOnEvery(streams, "version", version);
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                long orderId = probeOrder.incrementAndGet();
                outboxes.publish(new OrderPlaced(orderId, PROBE, 1, 1000, PROBE_CUSTOMER, Instant.now()));
                return heardOnEvery(streams, "orderId", orderId);
            });
        } finally {
            streams.forEach(EventStream::close);
        }
        live = true;
    }

    private static boolean heardOnEvery(List<EventStream> streams, String field, long value) {
        return streams.stream().allMatch(stream -> heardOf(stream, field, value));
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
