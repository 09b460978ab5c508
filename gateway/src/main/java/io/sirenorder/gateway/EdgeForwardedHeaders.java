package io.sirenorder.gateway;

import java.net.InetSocketAddress;
import java.net.URI;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.TrustedProxies;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells the services where a request came in: {@code X-Forwarded-Proto}, {@code -Host}, {@code -Port} and
 * {@code -For} as the gateway itself received it, so that auth builds its redirects (sign-in, back to the web app)
 * to the gateway's address, which the browser knows, and not to its own, which only the gateway reaches.
 * <p>
 * Spring Cloud Gateway adds these only for a request that comes through a trusted proxy
 * ({@code spring.cloud.gateway.server.webflux.trusted-proxies}); without one configured it only removes them, and
 * with one it passes on what an untrusted client wrote in none of them. The gateway is the edge: each is set here
 * from what the gateway saw, after Spring's filter has removed any a client sent. When trusted proxies are
 * configured (the gateway behind a load balancer that says where requests came from), this filter steps aside and
 * Spring's own appends to theirs.
 */
@Component
@Conditional(TrustedProxies.NotXForwardedTrustedProxiesCondition.class)
class EdgeForwardedHeaders implements HttpHeadersFilter, Ordered {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        URI uri = request.getURI();
        HttpHeaders forwarded = HttpHeaders.copyOf(input);
        String scheme = uri.getScheme();
        forwarded.set("X-Forwarded-Proto", scheme);
        String host = request.getHeaders().getFirst(HttpHeaders.HOST);
        if (host != null) {
            forwarded.set("X-Forwarded-Host", host);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        forwarded.set("X-Forwarded-Port", Integer.toString(port));
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote != null && remote.getAddress() != null) {
            forwarded.set("X-Forwarded-For", remote.getAddress().getHostAddress());
        }
        return forwarded;
    }

    /** After Spring's {@code RemoveXForwardedHeadersFilter} (order 0). */
    @Override
    public int getOrder() {
        return 1;
    }
}
