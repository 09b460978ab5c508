package io.sirenorder.messaging.outbox;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Carries a change's trace through the outbox: its W3C {@code traceparent} is stored with the event, in the
 * change's transaction, and the relay sends the event as part of that trace, whichever thread and instance relays it
 * and however long after. Without a tracer (Micrometer Tracing not configured) nothing is stored or continued.
 */
public final class OutboxTracing {

    /** The W3C header, and the only one stored: the services propagate W3C (see siren-observability). */
    static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    public OutboxTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Stores and continues no trace. */
    public static OutboxTracing none() {
        return new OutboxTracing(Tracer.NOOP, Propagator.NOOP);
    }

    /** The {@code traceparent} of the span current on this thread, or null outside any trace. */
    String currentTraceparent() {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        propagator.inject(context, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /**
     * Sends inside a span of the change's trace ({@code traceparent}) that begins when the change was committed, so
     * that what {@code send} traces (the Kafka producer's span, and the {@code traceparent} it puts on the record)
     * belongs to that trace. The span ends with the sending, so its length is the event's time in the outbox and on
     * the way to the broker. An event stored outside any trace is sent as it is.
     */
    <T> CompletableFuture<T> continueTrace(String traceparent, Instant committed, String topic,
            Supplier<CompletableFuture<T>> send) {
        if (traceparent == null) {
            return send.get();
        }
        Span span = propagator.extract(traceparent, (carrier, key) -> TRACEPARENT.equals(key) ? carrier : null)
                .name("outbox relay")
                .tag("messaging.destination.name", topic)
                .startTimestamp(committed.toEpochMilli(), TimeUnit.MILLISECONDS)
                .start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return send.get().whenComplete((sent, failure) -> end(span, failure));
        } catch (RuntimeException e) {
            end(span, e);
            throw e;
        }
    }

    private static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.error(failure);
        }
        span.end();
    }
}
