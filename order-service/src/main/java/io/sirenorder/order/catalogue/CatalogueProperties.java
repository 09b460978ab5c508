package io.sirenorder.order.catalogue;

import io.sirenorder.order.domain.WhenCatalogueUnavailable;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the product service (the catalogue) is and how long an order may wait for it.
 *
 * @param url the product service's base address, which whoever runs order gives ({@code ./siren}'s topology, a
 *         Kubernetes ConfigMap): order has no address of its own for it; or, comma-separated, the base address of
 *         each of its instances, which the checks then take turns at (see {@link ProductServiceClient})
 * @param timeout the whole budget for one check, connecting included
 * @param circuitBreaker when to stop asking a failing or slow product service for a while
 * @param bulkhead how many checks may wait on the product service at once
 * @param whenUnavailable what an order becomes when the product service cannot be asked: {@code refuse} (the
 *         default, 503) or {@code accept-from-menu} (graceful degradation: accepted at the menu replica's last known
 *         price and status, and marked so)
 * @param callerStallTolerance how late order's own threads may get the CPU before a check is taken to be slowed by
 *         the machine rather than by product: its deadline then stretches, up to three times the timeout in all
 */
@ConfigurationProperties("siren.catalogue")
public record CatalogueProperties(List<URI> url,
                                  @DefaultValue("610ms") Duration timeout,
                                  @DefaultValue CircuitBreaker circuitBreaker,
                                  @DefaultValue Bulkhead bulkhead,
                                  @DefaultValue("refuse") WhenCatalogueUnavailable whenUnavailable,
                                  @DefaultValue("100ms") Duration callerStallTolerance) {

    public CatalogueProperties {
        if (url == null || url.isEmpty()) {
            throw new IllegalArgumentException("siren.catalogue.url: the product service's base address is not set");
        }
        url = List.copyOf(url);
    }

    /** The longest a check may take: the timeout, stretched while order is stalled (see callerStallTolerance). */
    public Duration longestCheck() {
        return timeout.multipliedBy(3);
    }

    /**
     * Named as Resilience4j names them.
     *
     * @param failureRateThreshold percentage of failed checks, among the last {@code slidingWindowSize}, that opens
     *         the breaker
     * @param slidingWindowSize how many recent checks the failure rate is taken over
     * @param minimumNumberOfCalls how many checks must have been made before the failure rate counts
     * @param waitDurationInOpenState how long an open breaker answers at once without asking; then it half-opens
     *         by itself and {@code permittedNumberOfCallsInHalfOpenState} trial checks decide
     * @param slowCallDurationThreshold a check that took longer than this counts as slow, even when it answered;
     *         under the {@code timeout}, so that a product service drifting towards it opens the breaker before
     *         orders start failing at the deadline
     * @param slowCallRateThreshold percentage of slow checks, among the last {@code slidingWindowSize}, that
     *         opens the breaker
     * @param permittedNumberOfCallsInHalfOpenState how many trial checks a half-open breaker lets through; it
     *         closes when they succeed (by both thresholds) and opens again when they do not
     */
    public record CircuitBreaker(@DefaultValue("50") float failureRateThreshold,
                                 @DefaultValue("10") int slidingWindowSize,
                                 @DefaultValue("5") int minimumNumberOfCalls,
                                 @DefaultValue("5s") Duration waitDurationInOpenState,
                                 @DefaultValue("500ms") Duration slowCallDurationThreshold,
                                 @DefaultValue("50") float slowCallRateThreshold,
                                 @DefaultValue("3") int permittedNumberOfCallsInHalfOpenState) {
    }

    /**
     * A semaphore: at most {@code maxConcurrentCalls} orders wait on the product service at the same time; one
     * more is refused at once (503) rather than queued, so a slow product service cannot hold every request
     * thread of order. Half of the request threads: fewer refused bursts of customers on a busy machine while
     * product was fine.
     *
     * @param maxConcurrentCalls how many checks may be in flight at once
     */
    public record Bulkhead(@DefaultValue("100") int maxConcurrentCalls) {
    }
}
