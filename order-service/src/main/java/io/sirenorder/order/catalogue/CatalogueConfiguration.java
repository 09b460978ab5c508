package io.sirenorder.order.catalogue;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.httpcomponents.hc5.ObservationExecChainHandler;
import io.micrometer.observation.ObservationRegistry;
import io.sirenorder.order.domain.WhenCatalogueUnavailable;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CatalogueProperties.class)
class CatalogueConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CatalogueConfiguration.class);

    static final String BREAKER = "product-service";
    static final String BULKHEAD = "product-service";

    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry(CatalogueProperties properties) {
        CatalogueProperties.CircuitBreaker breaker = properties.circuitBreaker();
        return CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(breaker.failureRateThreshold())
                .slowCallDurationThreshold(breaker.slowCallDurationThreshold())
                .slowCallRateThreshold(breaker.slowCallRateThreshold())
                .slidingWindowSize(breaker.slidingWindowSize())
                .minimumNumberOfCalls(breaker.minimumNumberOfCalls())
                .waitDurationInOpenState(breaker.waitDurationInOpenState())
                // half-open when the wait is over, not at the next order: health and metrics then show the
                // breaker probing, and the first order after a quiet spell is a trial rather than a refusal
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .permittedNumberOfCallsInHalfOpenState(breaker.permittedNumberOfCallsInHalfOpenState())
                .build());
    }

    @Bean
    BulkheadRegistry bulkheadRegistry(CatalogueProperties properties) {
        return BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(properties.bulkhead().maxConcurrentCalls())
                // a full bulkhead refuses at once: waiting for a permit would hold the request thread it protects
                .maxWaitDuration(Duration.ZERO)
                .build());
    }

    /** The breaker's state, calls and failure rate as {@code resilience4j.circuitbreaker.*} metrics. */
    @Bean
    MeterBinder circuitBreakerMetrics(CircuitBreakerRegistry registry) {
        return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry);
    }

    /** The bulkhead's free and maximum permits as {@code resilience4j.bulkhead.*} metrics. */
    @Bean
    MeterBinder bulkheadMetrics(BulkheadRegistry registry) {
        return TaggedBulkheadMetrics.ofBulkheadRegistry(registry);
    }

    /**
     * The {@code catalogue} health component: the breaker's state and rates and the bulkhead's free permits, always
     * UP. An unavailable product service is an answer order gives (503 for new orders), not a fault of order: it
     * still serves its menu and its orders, so neither its health nor its readiness goes down with product.
     */
    @Bean
    HealthIndicator catalogueHealthIndicator(CircuitBreakerRegistry breakers, BulkheadRegistry bulkheads) {
        CircuitBreaker breaker = breakers.circuitBreaker(BREAKER);
        Bulkhead bulkhead = bulkheads.bulkhead(BULKHEAD);
        return () -> {
            CircuitBreaker.Metrics metrics = breaker.getMetrics();
            return Health.up()
                    .withDetail("state", breaker.getState().name())
                    .withDetail("failureRate", metrics.getFailureRate())
                    .withDetail("slowCallRate", metrics.getSlowCallRate())
                    .withDetail("bufferedCalls", metrics.getNumberOfBufferedCalls())
                    .withDetail("notPermittedCalls", metrics.getNumberOfNotPermittedCalls())
                    .withDetail("bulkheadAvailableConcurrentCalls",
                            bulkhead.getMetrics().getAvailableConcurrentCalls())
                    .withDetail("bulkheadMaxConcurrentCalls", bulkhead.getMetrics().getMaxAllowedConcurrentCalls())
                    .build();
        };
    }

    /** The degradation policy, {@code siren.catalogue.when-unavailable}, for the order service to apply. */
    @Bean
    WhenCatalogueUnavailable whenCatalogueUnavailable(CatalogueProperties properties) {
        if (properties.whenUnavailable().acceptsFromMenu()) {
            log.info("With the product service unavailable, orders are accepted from the menu's last known price "
                    + "and status (siren.catalogue.when-unavailable=accept-from-menu)");
        }
        return properties.whenUnavailable();
    }

    /**
     * One client for every check, blocking on the order's own thread: it keeps up to one connection per check that
     * may be in flight open between orders. It never retries: a retry would spend the budget twice, and the
     * customer is told when to try again (with several instances of the product service, the check itself asks the
     * next one when one cannot be reached; see {@link ProductServiceClient}). A connection idle for a second is checked before it is used again, so one
     * the product service has closed (a restart) is not taken for a failure. Each check carries the token of the
     * customer whose order it is: product lets only customers and clerks ask, and order keeps no secret of its own.
     */
    @Bean(destroyMethod = "close")
    CloseableHttpClient catalogueHttpClient(CatalogueProperties properties, ObservationRegistry observations) {
        // the client's own timeouts are a backstop; the check's deadline is ProductServiceClient's
        Timeout timeout = Timeout.of(properties.longestCheck());
        int connections = properties.bulkhead().maxConcurrentCalls();
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections)
                        .setMaxConnPerRoute(connections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout)
                                .setSocketTimeout(timeout)
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout)
                        .setResponseTimeout(timeout)
                        .build())
                .addRequestInterceptorFirst((request, entity, context) -> CallerToken.current()
                        .ifPresent(token -> request.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)))
                // each check is a client span in the order's trace, and tells product the trace (traceparent)
                .addExecInterceptorLast("observation", new ObservationExecChainHandler(observations))
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
    }

    /** How late order's threads get the CPU, as the gauge {@code siren.catalogue.caller.stall}. */
    @Bean(destroyMethod = "close")
    CallerStalls callerStalls() {
        return new CallerStalls();
    }

    @Bean
    MeterBinder callerStallMetrics(CallerStalls stalls) {
        return registry -> TimeGauge.builder("siren.catalogue.caller.stall", stalls,
                        TimeUnit.NANOSECONDS, meter -> meter.recent().toNanos())
                .description("The longest order's threads waited for the CPU lately")
                .register(registry);
    }

    @Bean
    ProductServiceClient productCatalogue(CloseableHttpClient catalogueHttpClient, CatalogueProperties properties,
            CircuitBreakerRegistry registry, BulkheadRegistry bulkheads, CallerStalls stalls) {
        CircuitBreaker breaker = registry.circuitBreaker(BREAKER);
        // one line per change of state rather than one per failed order
        breaker.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                log.warn("Product service failing or slow: orders are refused for {} ms without asking it",
                        properties.circuitBreaker().waitDurationInOpenState().toMillis());
            } else {
                log.info("Product service circuit breaker: {}", event.getStateTransition());
            }
        });
        return new ProductServiceClient(catalogueHttpClient, properties, breaker, bulkheads.bulkhead(BULKHEAD), stalls);
    }
}
