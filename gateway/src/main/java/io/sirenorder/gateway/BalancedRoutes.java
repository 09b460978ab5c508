package io.sirenorder.gateway;

import java.net.URI;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.PropertiesRouteDefinitionLocator;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;

/**
 * A route to a service with several instances (see {@link ServiceAddresses}) is balanced by Spring Cloud
 * LoadBalancer: its URI becomes {@code lb://<service>}, and its requests go to the service's ready instances in turn
 * (all of them while none is: {@link ReadyInstances}). An instance is ready while its
 * {@code /actuator/health/readiness} answers 200. Each is asked every
 * {@code spring.cloud.loadbalancer.health-check.interval} and given as long to answer, so one that begins to shut down
 * (its readiness goes down first, then it drains: see siren-shutdown), or stops answering, gets no new requests within
 * about twice that, and one that is back gets them again as soon. A request that still meets an instance that is gone
 * is tried on another ({@link FailoverGatewayFilterFactory}).
 * <p>
 * A route to a service with a single URL is left as it is: proxied straight to that URL, never health-checked, with
 * nothing in between.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceAddresses.class)
@LoadBalancerClients(defaultConfiguration = ReadyInstances.class)
class BalancedRoutes {

    /** The routes as declared in application.yml, those to a service with several instances load-balanced. */
    @Bean
    PropertiesRouteDefinitionLocator propertiesRouteDefinitionLocator(GatewayProperties gateway,
            ServiceAddresses addresses) {
        return new PropertiesRouteDefinitionLocator(gateway) {
            @Override
            public Flux<RouteDefinition> getRouteDefinitions() {
                return super.getRouteDefinitions().map(route -> {
                    if (addresses.hasSeveralInstances(route.getId())) {
                        // the declared URI, the list of addresses, is no address at all
                        route.setUri(URI.create("lb://" + route.getId()));
                    }
                    return route;
                });
            }
        };
    }
}
