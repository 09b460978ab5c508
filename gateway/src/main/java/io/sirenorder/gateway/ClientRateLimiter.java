package io.sirenorder.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The rate limiter behind every route's {@code RequestRateLimiter} filter (a default filter): one Bucket4j token
 * bucket per client ({@link ClientKeyResolver}: the token's subject, else the remote address), shared by all
 * routes, in a bounded Caffeine cache. A client over its limit is refused before its request reaches the service
 * or waits at the door: {@code 429} with {@code Retry-After}, the seconds until its bucket has a token again, and a
 * problem body ({@link ProblemResponses}). Refusals are counted in {@code siren.rate-limit.refused}, tagged with
 * the route; the buckets held are the gauge {@code siren.rate-limit.clients}.
 * <p>
 * A bucket left alone for as long as it takes to refill completely ({@code burst / requestsPerSecond} seconds) is
 * full again, as a new one would be, so it is dropped then; beyond {@code maxClients} the least used go first. So a
 * flood of distinct clients (addresses, or tokens of many users) costs a bounded memory, and may push out the bucket
 * of a client it competes with, which then starts full again: the bound on memory comes first.
 */
@Component
@EnableConfigurationProperties(RateLimitProperties.class)
class ClientRateLimiter implements RateLimiter<RateLimitProperties> {

    private static final Mono<Response> ALLOWED = Mono.just(new Response(true, Map.of()));

    private final RateLimitProperties properties;
    private final Function<String, Bucket> newBucket;
    private final Cache<String, Bucket> buckets;
    private final MeterRegistry meters;

    ClientRateLimiter(RateLimitProperties properties, ObjectProvider<MeterRegistry> meters) {
        this.properties = properties;
        // the rate per 1,000 s, so that a fraction of a request a second is a whole number of tokens; refilled
        // greedily, a token at a time as soon as it is due
        long tokensPerKilosecond = Math.max(1, Math.round(properties.requestsPerSecond() * 1000));
        Bandwidth limit = Bandwidth.builder()
                .capacity(properties.burst())
                .refillGreedy(tokensPerKilosecond, Duration.ofSeconds(1000))
                .build();
        this.newBucket = client -> Bucket.builder().addLimit(limit).withNanosecondPrecision().build();
        long refillMillis = Math.max(1, properties.burst() * 1_000_000 / tokensPerKilosecond);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(properties.maxClients())
                .expireAfterAccess(Duration.ofMillis(refillMillis))
                .build();
        this.meters = meters.getIfAvailable();
        if (this.meters != null) {
            Gauge.builder("siren.rate-limit.clients", buckets, Cache::estimatedSize)
                    .description("Clients with a rate-limit bucket at the gateway").register(this.meters);
        }
    }

    @Override
    public Mono<Response> isAllowed(String routeId, String client) {
        Bucket bucket = buckets.get(client, newBucket);
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return ALLOWED;
        }
        if (meters != null) {
            Counter.builder("siren.rate-limit.refused").tag("route", routeId)
                    .description("Requests refused at the gateway because their client was over its rate limit")
                    .register(meters).increment();
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999));
        return Mono.just(new Response(false, Map.of(HttpHeaders.RETRY_AFTER, Long.toString(seconds))));
    }

    /** How many clients have a bucket now. */
    long clients() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    /** One limit for every route, from {@code siren.rate-limit.*}; nothing to configure per route. */
    @Override
    public Map<String, RateLimitProperties> getConfig() {
        return Map.of();
    }

    @Override
    public Class<RateLimitProperties> getConfigClass() {
        return RateLimitProperties.class;
    }

    @Override
    public RateLimitProperties newConfig() {
        return properties;
    }
}
