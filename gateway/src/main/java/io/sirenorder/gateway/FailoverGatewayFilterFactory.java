package io.sirenorder.gateway;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A request that could not be carried out is tried again where that cannot do a thing twice, as a route filter
 * ({@code - Failover}, inside the route's circuit breaker, which sees one outcome per request):
 * <ul>
 * <li>any request whose connection could not be made (refused, as by an instance that has stopped or not yet
 * started, or timed out): it never left the gateway. With several instances of the route's service (see
 * {@link BalancedRoutes}) it goes to another it has not been tried on; a single URL is not asked again, as the
 * same address would refuse it again;</li>
 * <li>a safe request (GET, HEAD, OPTIONS) that failed on the way in any other way (a connection dropped or reset):
 * asking again changes nothing. This covers a single URL too, tried once more on a fresh connection: a pooled
 * connection that its service closes just as a request is written on it is a race no idle timeout rules out under
 * load. Not PUT or DELETE: idempotent as they are, the second answer could differ from the first's (a repeated
 * DELETE's 404), and no service takes them; not POST or PATCH, which the instance may have carried out before the
 * connection went.</li>
 * </ul>
 * A response timeout is not tried again: the instance may still be working on it, and the client has waited long
 * enough. A failure once the answer's status and headers are in (a stream cut short) happens after this filter, as
 * the gateway writes the body afterwards, so an answer already begun is never repeated.
 * <p>
 * Trying again needs the request's body again: with several instances it is read whole first (bodies are small:
 * see {@link BodySizeLimitGatewayFilterFactory}) and handed to each try anew; a single URL's route, which asks again
 * only for a safe request, passes the body through unread.
 */
@Component
class FailoverGatewayFilterFactory extends AbstractGatewayFilterFactory<RouteConfig> {

    /** The instances a request has failed on, so that the load balancer does not choose them for it again. */
    static final String TRIED_ATTR = FailoverGatewayFilterFactory.class.getName() + ".tried";

    private static final Set<HttpMethod> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final ServiceAddresses addresses;

    FailoverGatewayFilterFactory(ServiceAddresses addresses) {
        super(RouteConfig.class);
        this.addresses = addresses;
    }

    @Override
    public GatewayFilter apply(RouteConfig config) {
        int instances = addresses.instancesOf(config.getRouteId()).size();
        boolean balanced = instances > 1;
        int retries = Math.max(instances - 1, 1);
        if (!balanced) {
            // a single URL is asked again only for a safe request, whose body nobody reads: none to keep
            return (exchange, chain) -> attempt(exchange, chain, false, retries);
        }
        return (exchange, chain) -> ReplayableBody.of(exchange.getRequest())
                .flatMap(request -> attempt(exchange.mutate().request(request).build(), chain, true, retries));
    }

    private static Mono<Void> attempt(ServerWebExchange exchange, GatewayFilterChain chain, boolean balanced,
            int triesLeft) {
        return chain.filter(exchange).onErrorResume(
                failure -> triesLeft > 0 && mayTryAgain(exchange, failure, balanced),
                failure -> {
                    rememberTried(exchange);
                    // forgets the failed try's connection, response headers and "already routed"
                    ServerWebExchangeUtils.reset(exchange);
                    return attempt(exchange, chain, balanced, triesLeft - 1);
                });
    }

    private static boolean mayTryAgain(ServerWebExchange exchange, Throwable failure, boolean balanced) {
        if (failure instanceof ConnectException) {
            return balanced;
        }
        return failure instanceof IOException && SAFE_METHODS.contains(exchange.getRequest().getMethod());
    }

    private static void rememberTried(ServerWebExchange exchange) {
        Response<ServiceInstance> chosen = exchange.getAttribute(GATEWAY_LOADBALANCER_RESPONSE_ATTR);
        if (chosen != null && chosen.hasServer()) {
            @SuppressWarnings("unchecked")
            Set<String> tried = (Set<String>) exchange.getAttributes()
                    .computeIfAbsent(TRIED_ATTR, absent -> ConcurrentHashMap.newKeySet());
            tried.add(chosen.getServer().getInstanceId());
        }
    }
}
