package io.sirenorder.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter.Response;

/** The buckets behind the rate limit: one per client, refused beyond its burst, and never more than so many. */
class ClientRateLimiterTest {

    private final MeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aClientBeyondItsBurstIsRefusedWithTheSecondsUntilItsNextTokenAndOthersAreNot() {
        ClientRateLimiter limiter = limiter(3, 100);

        for (int i = 0; i < 3; i++) {
            assertThat(allowed(limiter, "subject:lee").isAllowed()).isTrue();
        }
        Response refused = allowed(limiter, "subject:lee");

        assertThat(refused.isAllowed()).isFalse();
        assertThat(refused.getHeaders()).containsExactly(Map.entry("Retry-After", "1"));
        assertThat(allowed(limiter, "subject:kim").isAllowed()).isTrue();
        assertThat(allowed(limiter, "address:10.0.0.7").isAllowed()).isTrue();
        assertThat(meters.get("siren.rate-limit.refused").tag("route", "order").counter().count()).isEqualTo(1);
    }

    @Test
    void aClientIsServedAgainWhenItsNextTokenIsDue() {
        ClientRateLimiter limiter = limiter(1, 100);
        assertThat(allowed(limiter, "subject:lee").isAllowed()).isTrue();
        assertThat(allowed(limiter, "subject:lee").isAllowed()).isFalse();

        // one token a second: not before most of a second, and soon after it
        await().atLeast(Duration.ofMillis(900)).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> allowed(limiter, "subject:lee").isAllowed());
    }

    @Test
    void aFloodOfDistinctClientsKeepsNoMoreBucketsThanAllowed() {
        ClientRateLimiter limiter = limiter(3, 100);

        for (int i = 0; i < 10_000; i++) {
            allowed(limiter, "address:10.0." + (i / 256) + "." + (i % 256));
        }

        assertThat(limiter.clients()).isLessThanOrEqualTo(100);
        assertThat(meters.get("siren.rate-limit.clients").gauge().value()).isLessThanOrEqualTo(100);
    }

    private ClientRateLimiter limiter(long burst, long maxClients) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("meters", meters));
        return new ClientRateLimiter(new RateLimitProperties(1, burst, maxClients, true),
                beans.getBeanProvider(MeterRegistry.class));
    }

    private static Response allowed(ClientRateLimiter limiter, String client) {
        return limiter.isAllowed("order", client).block();
    }
}
