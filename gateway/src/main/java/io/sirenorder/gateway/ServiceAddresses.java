package io.sirenorder.gateway;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the services are, as whoever runs the gateway says ({@code ./siren}'s topology, a Kubernetes ConfigMap):
 * {@code siren.services.<service>}, the base URL of a service, or, comma-separated, of each of its instances. Routes
 * are named after their service, so a route's id finds its addresses.
 * <p>
 * One URL (one instance, or a Kubernetes Service, which balances by itself) is proxied to as it is. Several are
 * balanced by the gateway (see {@link BalancedRoutes}).
 *
 * @param services each service's base URLs
 */
@ConfigurationProperties("siren")
record ServiceAddresses(Map<String, List<URI>> services) {

    ServiceAddresses {
        services = services == null ? Map.of() : Map.copyOf(services);
    }

    /** The service's instances: none when no address is known for it. */
    List<URI> instancesOf(String service) {
        return services.getOrDefault(service, List.of());
    }

    boolean hasSeveralInstances(String service) {
        return instancesOf(service).size() > 1;
    }
}
