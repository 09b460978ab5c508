package io.sirenorder.gateway;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * A balanced service's instances (see {@link BalancedRoutes}), in the load balancer's context for that service, one
 * per service, made at its first request: those whose readiness answered 200 at the last check, or all of them when
 * none did, as with a single URL (a check that timed out on a busy machine must not take a whole service away, and
 * instances that are really gone are refused connections, which {@link FailoverGatewayFilterFactory} handles); then
 * of those, the ones the request has not already failed on. Neither a {@code @Configuration} nor nested in one, so
 * that it is read into those contexts only, never into the gateway's own.
 */
class ReadyInstances {

    @Bean
    ServiceInstanceListSupplier serviceInstances(Environment environment, ServiceAddresses addresses,
            ConfigurableApplicationContext context) {
        String service = environment.getRequiredProperty(LoadBalancerClientFactory.PROPERTY_NAME);
        List<ServiceInstance> all = addresses.instancesOf(service).stream()
                .map(url -> instance(service, url))
                .toList();
        return ServiceInstanceListSupplier.builder()
                .withBase(ServiceInstanceListSuppliers.from(service, all.toArray(ServiceInstance[]::new)))
                // a client of its own, so that the checks are neither timed as proxied calls nor queue behind them
                .withHealthChecks(WebClient.create())
                .with((ignored, ready) -> new Candidates(ready, all))
                .build(context);
    }

    private static ServiceInstance instance(String service, URI url) {
        boolean secure = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() != -1 ? url.getPort() : secure ? 443 : 80;
        return new DefaultServiceInstance(url.toString(), service, url.getHost(), port, secure);
    }

    /** The ready instances, or all when none is; for a request, without those it has failed on. */
    private static final class Candidates extends DelegatingServiceInstanceListSupplier {

        private final List<ServiceInstance> all;

        Candidates(ServiceInstanceListSupplier ready, List<ServiceInstance> all) {
            super(ready);
            this.all = all;
        }

        @Override
        public Flux<List<ServiceInstance>> get() {
            return delegate.get().map(ready -> ready.isEmpty() ? all : ready);
        }

        @Override
        public Flux<List<ServiceInstance>> get(Request request) {
            if (!(request.getContext() instanceof RequestDataContext context)
                    || !(context.getClientRequest().getAttributes().get(FailoverGatewayFilterFactory.TRIED_ATTR)
                            instanceof Set<?> tried)) {
                return get();
            }
            return get().map(instances -> instances.stream()
                    .filter(instance -> !tried.contains(instance.getInstanceId()))
                    .toList());
        }
    }
}
