package io.sirenorder.gateway;

import java.util.Comparator;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The breakers behind the routes' {@code CircuitBreaker} filters. What counts as a failure: an exception on the way
 * to the backend, that is, a refused or timed-out connection, a dropped connection, or no response headers within
 * the route's response timeout. Any answer a backend gives, 4xx or 5xx, passes through untouched and counts as a
 * success: a service that answers, even "503, product is down", is reachable, and its own problem body is more
 * useful to the client than the gateway's.
 * <p>
 * Resilience4j's time limiter is switched off ({@code spring.cloud.circuitbreaker.resilience4j.disable-time-limiter}):
 * the routes' response timeouts bound every call, and a 504 from them is counted as a failure.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BreakerProperties.class)
class RouteCircuitBreakers {

    private static final Log log = LogFactory.getLog(RouteCircuitBreakers.class);

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> breakerDefaults(BreakerProperties properties) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(properties.slidingWindowSize())
                .minimumNumberOfCalls(properties.minimumNumberOfCalls())
                .failureRateThreshold(properties.failureRateThreshold())
                .waitDurationInOpenState(properties.waitDurationInOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .permittedNumberOfCallsInHalfOpenState(properties.permittedNumberOfCallsInHalfOpenState())
                .build();
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(config)
                .build());
    }

    /**
     * One log line for each change of a route breaker's state, as the breakers are created: an open breaker refuses
     * every request of its route for a while, which whoever reads the log must be able to see.
     */
    @Bean
    SmartInitializingSingleton breakerTransitionsLogged(ReactiveResilience4JCircuitBreakerFactory factory) {
        return () -> factory.getCircuitBreakerRegistry().getEventPublisher().onEntryAdded(added -> added
                .getAddedEntry().getEventPublisher().onStateTransition(event -> {
                    CircuitBreaker.StateTransition transition = event.getStateTransition();
                    if (transition.getToState() == CircuitBreaker.State.OPEN) {
                        log.warn("Route " + event.getCircuitBreakerName() + ": its service failed too often, so its "
                                + "requests are refused for a while (" + transition + ")");
                    } else {
                        log.info("Route " + event.getCircuitBreakerName() + ": circuit breaker " + transition);
                    }
                }));
    }

    /**
     * Each route's breaker as a detail of {@code /actuator/health}: always UP, as an open breaker is the gateway
     * doing its job, and never part of readiness, so that a down backend never takes the gateway out of service.
     */
    @Bean
    HealthIndicator circuitBreakers(ReactiveResilience4JCircuitBreakerFactory factory) {
        CircuitBreakerRegistry registry = factory.getCircuitBreakerRegistry();
        return () -> {
            Health.Builder health = Health.up();
            registry.getAllCircuitBreakers().stream()
                    .sorted(Comparator.comparing(CircuitBreaker::getName))
                    .forEach(breaker -> {
                        CircuitBreaker.Metrics metrics = breaker.getMetrics();
                        health.withDetail(breaker.getName(), Map.of(
                                "state", breaker.getState().name(),
                                "failureRate", metrics.getFailureRate() + "%",
                                "bufferedCalls", metrics.getNumberOfBufferedCalls(),
                                "failedCalls", metrics.getNumberOfFailedCalls(),
                                "notPermittedCalls", metrics.getNumberOfNotPermittedCalls()));
                    });
            return health.build();
        };
    }
}
