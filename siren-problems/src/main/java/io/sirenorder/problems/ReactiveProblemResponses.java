package io.sirenorder.problems;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The reactive twin of {@link ServletProblemResponses}, for a WebFlux service (notification): Spring's protocol
 * errors (an unknown path, a method or media type not supported, a bad parameter) in the same problem body. Such a
 * service reads no request bodies and throws no exceptions of its own at its clients, so there is nothing to map.
 */
@RestControllerAdvice
class ReactiveProblemResponses extends ResponseEntityExceptionHandler {

    /** In the servlet services' words: WebFlux's own detail lists the methods, which {@code Allow} already does. */
    @Override
    protected Mono<ResponseEntity<Object>> handleMethodNotAllowedException(MethodNotAllowedException e,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        e.setDetail("Method '" + e.getHttpMethod() + "' is not supported.");
        return super.handleMethodNotAllowedException(e, headers, status, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> createResponseEntity(Object body, HttpHeaders headers,
            HttpStatusCode status, ServerWebExchange exchange) {
        return super.createResponseEntity(ProblemBodies.finish(body), headers, status, exchange);
    }
}
