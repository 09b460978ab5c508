package io.sirenorder.gateway;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A request whose body has been read whole, onto the heap, so that it can be judged first
 * ({@link BodySizeLimitGatewayFilterFactory}) or sent more than once ({@link FailoverGatewayFilterFactory}): each
 * reading gets a buffer of its own, and nothing is left to release if the request goes no further.
 */
final class ReplayableBody {

    private static final byte[] NONE = new byte[0];

    private ReplayableBody() {
    }

    /** The request with its body read whole, unless that has been done already; one without a body is given none. */
    static Mono<ServerHttpRequest> of(ServerHttpRequest request) {
        if (request instanceof Replaying) {
            return Mono.just(request);
        }
        if (!mayHaveBody(request)) {
            return Mono.just(new Replaying(request, NONE));
        }
        return read(request.getBody(), Integer.MAX_VALUE).map(body -> new Replaying(request, body));
    }

    /** The request with this body, each reading given it anew. */
    static ServerHttpRequest of(ServerHttpRequest request, byte[] body) {
        return new Replaying(request, body);
    }

    /** The whole body; a {@code DataBufferLimitException} beyond {@code maxBytes}. */
    static Mono<byte[]> read(Flux<DataBuffer> body, int maxBytes) {
        return DataBufferUtils.join(body, maxBytes).map(ReplayableBody::copyAndRelease).defaultIfEmpty(NONE);
    }

    /** A body of declared length, or sent in chunks; or, without a {@code Content-Length}, any body but a read's. */
    private static boolean mayHaveBody(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        long declared = headers.getContentLength();
        return declared > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING) || declared < 0
                && !(HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod()));
    }

    private static byte[] copyAndRelease(DataBuffer joined) {
        try {
            byte[] bytes = new byte[joined.readableByteCount()];
            joined.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(joined);
        }
    }

    private static final class Replaying extends ServerHttpRequestDecorator {

        private final byte[] body;

        Replaying(ServerHttpRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return body.length == 0 ? Flux.empty()
                    : Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
        }
    }
}
