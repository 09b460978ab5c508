package io.sirenorder.order.catalog;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the product service (the catalogue) is and how long an order may wait for it.
 *
 * @param url the product service's base address
 * @param timeout the whole budget for one check, connecting included; the seed's 610 ms
 * @param circuitBreaker when to stop asking a failing product service for a while
 */
@ConfigurationProperties("siren.catalog")
public record CatalogProperties(@DefaultValue("http://127.0.0.1:8082") URI url,
                                @DefaultValue("610ms") Duration timeout,
                                @DefaultValue CircuitBreaker circuitBreaker) {

    /**
     * Named as Resilience4j names them.
     *
     * @param failureRateThreshold percentage of failed checks, among the last {@code slidingWindowSize}, that opens
     *         the breaker
     * @param slidingWindowSize how many recent checks the failure rate is taken over
     * @param minimumNumberOfCalls how many checks must have been made before the failure rate counts
     * @param waitDurationInOpenState how long an open breaker answers at once without asking; then a few trial
     *         checks decide
     */
    public record CircuitBreaker(@DefaultValue("50") float failureRateThreshold,
                                 @DefaultValue("10") int slidingWindowSize,
                                 @DefaultValue("5") int minimumNumberOfCalls,
                                 @DefaultValue("5s") Duration waitDurationInOpenState) {
    }
}
