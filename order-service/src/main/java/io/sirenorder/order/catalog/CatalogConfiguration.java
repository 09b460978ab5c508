package io.sirenorder.order.catalog;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.http.HttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CatalogProperties.class)
class CatalogConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CatalogConfiguration.class);

    static final String BREAKER = "product-service";

    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry(CatalogProperties properties) {
        CatalogProperties.CircuitBreaker breaker = properties.circuitBreaker();
        return CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(breaker.failureRateThreshold())
                .slidingWindowSize(breaker.slidingWindowSize())
                .minimumNumberOfCalls(breaker.minimumNumberOfCalls())
                .waitDurationInOpenState(breaker.waitDurationInOpenState())
                .build());
    }

    /** The breaker's state, calls and failure rate as {@code resilience4j.circuitbreaker.*} metrics. */
    @Bean
    MeterBinder circuitBreakerMetrics(CircuitBreakerRegistry registry) {
        return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry);
    }

    /** One client for every check: it keeps its connections to the product service open between orders. */
    @Bean
    HttpClient catalogHttpClient(CatalogProperties properties) {
        // HTTP/1.1: a cleartext HTTP/2 upgrade attempt would only add a round of headers to every new connection
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.timeout())
                .build();
    }

    @Bean
    ProductServiceClient productCatalog(HttpClient catalogHttpClient, CatalogProperties properties,
            CircuitBreakerRegistry registry) {
        CircuitBreaker breaker = registry.circuitBreaker(BREAKER);
        // one line per change of state rather than one per failed order
        breaker.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                log.warn("Product service failing: orders are refused for {} ms without asking it",
                        properties.circuitBreaker().waitDurationInOpenState().toMillis());
            } else {
                log.info("Product service circuit breaker: {}", event.getStateTransition());
            }
        });
        return new ProductServiceClient(catalogHttpClient, properties, breaker);
    }
}
