package io.sirenorder.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * A limit on request bodies, as a default filter on every route ({@code - BodySizeLimit}): a body larger than
 * {@code siren.request-body.max-size} (16 KB; products and orders are JSON of a few dozen bytes, a sign-in form
 * a few hundred) is refused with {@code 413} and a problem body, and never reaches the service.
 * <p>
 * A body with a {@code Content-Length} is judged by it before a byte is read, as the gateway's own
 * {@code RequestSize} filter does. That filter lets a body without one through unchecked, though: one sent in
 * chunks ({@code Transfer-Encoding: chunked}) can be any size. Such a body is read here first, up to the limit,
 * and refused as soon as it goes beyond; one within the limit goes on to the service whole, with its length.
 * <p>
 * Its filter runs first on a route with the rate limit, before the route's admission control, so that a body is
 * never read while holding a place in a service.
 */
@Component
@EnableConfigurationProperties(BodySizeLimitGatewayFilterFactory.Limit.class)
class BodySizeLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    /** @param maxSize the largest request body a service is sent */
    @ConfigurationProperties("siren.request-body")
    record Limit(@DefaultValue("16KB") DataSize maxSize) {
    }

    // the rate limit's and admission control's order: a default filter comes before a route's of the same order
    private static final int ORDER = 1;

    private final long maxBytes;
    private final String tooLarge;

    BodySizeLimitGatewayFilterFactory(Limit limit) {
        this.maxBytes = limit.maxSize().toBytes();
        this.tooLarge = "The request body is larger than " + limit.maxSize().toKilobytes() + " KB.";
    }

    @Override
    public GatewayFilter apply(Object config) {
        return new OrderedGatewayFilter((exchange, chain) -> {
            ServerHttpRequest request = exchange.getRequest();
            long declared = request.getHeaders().getContentLength();
            if (declared > maxBytes) {
                return Mono.error(tooLarge());
            }
            if (declared >= 0 || !mayHaveUndeclaredBody(request)) {
                return chain.filter(exchange);
            }
            return ReplayableBody.read(request.getBody(), (int) Math.min(Integer.MAX_VALUE, maxBytes))
                    .onErrorMap(DataBufferLimitException.class, e -> tooLarge())
                    .flatMap(body -> chain.filter(exchange.mutate().request(withBody(request, body)).build()));
        }, ORDER);
    }

    private ResponseStatusException tooLarge() {
        return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, tooLarge);
    }

    /** A chunked body; or, without a {@code Content-Length}, any body but a read's. */
    private static boolean mayHaveUndeclaredBody(ServerHttpRequest request) {
        return request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)
                || !(HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod()));
    }

    /** The request with the body read, sent on whole with its length rather than in chunks. */
    private static ServerHttpRequest withBody(ServerHttpRequest request, byte[] body) {
        return ReplayableBody.of(request.mutate().headers(headers -> {
            headers.remove(HttpHeaders.TRANSFER_ENCODING);
            headers.setContentLength(body.length);
        }).build(), body);
    }
}
