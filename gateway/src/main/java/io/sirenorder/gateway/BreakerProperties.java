package io.sirenorder.gateway;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateway's circuit breaker, one per route (named after it): it opens when at least
 * {@code failureRateThreshold} % of the last {@code slidingWindowSize} calls failed (once {@code minimumNumberOfCalls}
 * were made), answers every call at once with a 503 for {@code waitDurationInOpenState}, then lets
 * {@code permittedNumberOfCallsInHalfOpenState} calls through to probe the service.
 */
@ConfigurationProperties("siren.circuit-breaker")
record BreakerProperties(float failureRateThreshold, int slidingWindowSize, int minimumNumberOfCalls,
        Duration waitDurationInOpenState, int permittedNumberOfCallsInHalfOpenState) {
}
