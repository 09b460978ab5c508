package io.sirenorder.gateway;

import java.net.URI;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A balanced service's instances (see {@link BalancedRoutes}), in the load balancer's context for that service, one
 * per service, made at its first request: all of its addresses, narrowed to the ready ones, then to those the request
 * has not already failed on ({@link FailoverGatewayFilterFactory}). Neither a {@code @Configuration} nor nested in
 * one, so that it is read into those contexts only, never into the gateway's own.
 */
class ReadyInstances {

    @Bean
    ServiceInstanceListSupplier serviceInstances(Environment environment, ServiceAddresses addresses,
            ConfigurableApplicationContext context) {
        String service = environment.getRequiredProperty(LoadBalancerClientFactory.PROPERTY_NAME);
        ServiceInstance[] instances = addresses.instancesOf(service).stream()
                .map(url -> instance(service, url))
                .toArray(ServiceInstance[]::new);
        return ServiceInstanceListSupplier.builder()
                .withBase(ServiceInstanceListSuppliers.from(service, instances))
                // a client of its own, so that the checks are neither timed as proxied calls nor queue behind them
                .withHealthChecks(WebClient.create())
                .with((ignored, ready) -> new FailoverGatewayFilterFactory.Untried(ready))
                .build(context);
    }

    private static ServiceInstance instance(String service, URI url) {
        boolean secure = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() != -1 ? url.getPort() : secure ? 443 : 80;
        return new DefaultServiceInstance(url.toString(), service, url.getHost(), port, secure);
    }
}
