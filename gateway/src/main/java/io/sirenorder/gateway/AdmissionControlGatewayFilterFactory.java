package io.sirenorder.gateway;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.SignalType;

/**
 * Admission control at the door, as a route filter ({@code - AdmissionControl}, first on the route): at most so many
 * requests of a route are in its service at once, and the rest wait at the gateway, first come first served, where
 * waiting costs nothing but a parked request. The limit adapts (Netflix concurrency-limits' Gradient2: it grows while
 * the service answers as fast as it does at its best, and shrinks when answers slow down because requests queue
 * inside it), so that a service works at its most efficient concurrency on a fast machine and on a slow one. A
 * service that is not flooded answers in about the same time every time, and queueing happens where it is fair and
 * cheap: everyone waits about as long as everyone else, and no request a service took on waits behind a crowd
 * inside it (an order's check against product keeps its whole budget).
 * <p>
 * Only beyond {@code siren.admission.max-queued} waiting requests of one route is a request shed, at once and before
 * any work is done: {@code 503} with {@code Retry-After}. That is far beyond a rush of 100 customers, so nobody is
 * refused for a busy moment. The limit, requests in flight, requests waiting and requests shed are the metrics
 * {@code siren.admission.*}, tagged with the route.
 */
@Component
@EnableConfigurationProperties(AdmissionProperties.class)
class AdmissionControlGatewayFilterFactory
        extends AbstractGatewayFilterFactory<RouteConfig> {

    private final AdmissionProperties properties;
    private final ObjectProvider<MeterRegistry> meters;

    AdmissionControlGatewayFilterFactory(AdmissionProperties properties, ObjectProvider<MeterRegistry> meters) {
        super(RouteConfig.class);
        this.properties = properties;
        this.meters = meters;
    }

    @Override
    public GatewayFilter apply(RouteConfig config) {
        Door door = new Door(config.getRouteId(), properties, meters.getIfAvailable());
        return (exchange, chain) -> door.admit()
                .flatMap(permit -> chain.filter(exchange).doFinally(permit::release));
    }

    /** Shed at the door: the gateway answers 503 with {@code Retry-After} (see {@link ProblemResponses}). */
    static final class TooBusy extends RuntimeException {

        TooBusy(String route) {
            super("The " + route + " service has too many requests waiting", null, false, false);
        }
    }

    /** One route's limit and its queue. */
    static final class Door {

        private final String route;
        private final SimpleLimiter<Void> limiter;
        private final int maxQueued;
        private final Queue<Waiting> waiting = new ArrayDeque<>();
        private final AtomicInteger admitting = new AtomicInteger();
        private final Counter shed;

        Door(String route, AdmissionProperties properties, MeterRegistry registry) {
            this.route = route;
            this.maxQueued = properties.maxQueued();
            this.limiter = SimpleLimiter.newBuilder()
                    .named(route)
                    .limit(Gradient2Limit.newBuilder()
                            .initialLimit(properties.initialLimit())
                            .minLimit(properties.minLimit())
                            .maxConcurrency(properties.maxLimit())
                            .build())
                    .build();
            if (registry != null) {
                Gauge.builder("siren.admission.limit", limiter, SimpleLimiter::getLimit).tag("route", route)
                        .description("Requests of the route let into its service at once").register(registry);
                Gauge.builder("siren.admission.inflight", limiter, SimpleLimiter::getInflight).tag("route", route)
                        .description("Requests of the route in its service now").register(registry);
                Gauge.builder("siren.admission.queued", this, Door::queued).tag("route", route)
                        .description("Requests of the route waiting at the gateway").register(registry);
                this.shed = Counter.builder("siren.admission.shed").tag("route", route)
                        .description("Requests refused at the gateway because too many were waiting")
                        .register(registry);
            } else {
                this.shed = null;
            }
        }

        /** A permit at once, or when one frees up, first come first served; an error when too many wait. */
        Mono<Permit> admit() {
            return Mono.create(sink -> {
                Waiting arrival = new Waiting(sink);
                Optional<Limiter.Listener> now = Optional.empty();
                boolean tooMany = false;
                synchronized (this) {
                    if (waiting.isEmpty()) {
                        now = limiter.acquire(null);
                    }
                    if (now.isEmpty()) {
                        tooMany = waiting.size() >= maxQueued;
                        if (!tooMany) {
                            waiting.add(arrival);
                        }
                    }
                }
                if (now.isPresent()) {
                    sink.success(new Permit(this, now.get()));
                } else if (tooMany) {
                    if (shed != null) {
                        shed.increment();
                    }
                    sink.error(new TooBusy(route));
                } else {
                    sink.onCancel(arrival::cancel);
                }
            });
        }

        synchronized int queued() {
            return waiting.size();
        }

        /**
         * Hands freed permits to those waiting, oldest first. One thread at a time does it: one let in may finish at
         * once (its service's breaker is open, say) and free its permit again from within this loop, which then
         * goes round once more rather than calling itself, however many wait.
         */
        void admitWaiting() {
            if (admitting.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                admitWhilePermitsAreFree();
                missed = admitting.addAndGet(-missed);
            } while (missed != 0);
        }

        private void admitWhilePermitsAreFree() {
            while (true) {
                Waiting next;
                Limiter.Listener free;
                synchronized (this) {
                    if (waiting.isEmpty()) {
                        return;
                    }
                    Optional<Limiter.Listener> acquired = limiter.acquire(null);
                    if (acquired.isEmpty()) {
                        return;
                    }
                    next = waiting.poll();
                    free = acquired.get();
                }
                if (!next.admit(new Permit(this, free))) {
                    free.onIgnore();
                }
            }
        }
    }

    /** A request waiting at the door; it may give up (its client went away) before its turn. */
    private static final class Waiting {

        private final MonoSink<Permit> sink;
        private final AtomicBoolean settled = new AtomicBoolean();

        Waiting(MonoSink<Permit> sink) {
            this.sink = sink;
        }

        /** False when the request has given up meanwhile: the permit is not taken. */
        boolean admit(Permit permit) {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            sink.success(permit);
            return true;
        }

        /** Its place in the queue stays until its turn, which then passes on. */
        void cancel() {
            settled.set(true);
        }
    }

    /** Leave to be in a route's service; released when its exchange ends, however it ends. */
    record Permit(Door door, Limiter.Listener listener) {

        void release(SignalType how) {
            switch (how) {
                // an answer, whatever its status, is the service's time to give it
                case ON_COMPLETE -> listener.onSuccess();
                // no answer in time, or the service could not be reached: it is overloaded or gone, so admit fewer
                case ON_ERROR -> listener.onDropped();
                // the client went away: says nothing about the service
                default -> listener.onIgnore();
            }
            door.admitWaiting();
        }
    }
}
