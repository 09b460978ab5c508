package io.sirenorder.gateway;

import java.net.InetSocketAddress;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who a request's client is, for its rate limit ({@link ClientRateLimiter}): the subject of its token when it has a
 * valid one (by then {@link EdgeSecurity} has checked it), else the address it connects from. The connection's
 * own peer, never a header a client could write. No client at all (an empty key, which the route's filter lets
 * through unlimited) for a request without a token from the gateway's own machine, unless
 * {@code siren.rate-limit.exempt-anonymous-loopback} is off.
 */
@Component
class ClientKeyResolver implements KeyResolver {

    private final boolean exemptAnonymousLoopback;

    ClientKeyResolver(RateLimitProperties properties) {
        this.exemptAnonymousLoopback = properties.exemptAnonymousLoopback();
    }

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(token -> "subject:" + token.getName())
                .switchIfEmpty(Mono.fromSupplier(() -> address(exchange)));
    }

    private String address(ServerWebExchange exchange) {
        if (exemptAnonymousLoopback && EdgeSecurity.fromLoopback(exchange)) {
            return null;
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return "address:" + (remote == null || remote.getAddress() == null ? "unknown"
                : remote.getAddress().getHostAddress());
    }
}
