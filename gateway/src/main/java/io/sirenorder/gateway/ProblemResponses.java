package io.sirenorder.gateway;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Every answer the gateway gives itself, rather than passing on a backend's, is an RFC 9457 problem body: a backend
 * that cannot be reached ({@code 503} with {@code Retry-After}), one that does not answer within the response timeout
 * ({@code 504}), one that drops the connection ({@code 502}), one whose circuit breaker is open ({@code 503} with
 * {@code Retry-After} set to the breaker's wait in the open state), one with too many requests already waiting for it
 * ({@code 503} with {@code Retry-After}), a path no route matches ({@code 404}), a client over its rate limit
 * ({@code 429} with {@code Retry-After}), a body too large ({@code 413}), and, through {@link #respond}, a request
 * without a valid token ({@code 401}) or whose role may not make it ({@code 403}).
 * <p>
 * Being a Spring Boot {@link ErrorWebExceptionHandler} it replaces Boot's default JSON error page, so no error leaves
 * the gateway in another shape. Routes are named after their service, which is how a problem names the service.
 * <p>
 * The body is the one every service answers with (siren-problems): {@code type} {@code about:blank}, {@code title},
 * {@code status}, a {@code detail} that is a sentence, {@code instance}. This twin is the gateway's own because its
 * failures happen in routing and filters, where no controller advice reaches.
 */
@Component
@Order(-1) // ahead of WebFlux's own ResponseStatusException handler, which would answer with an empty body
class ProblemResponses implements ErrorWebExceptionHandler {

    private static final Log log = LogFactory.getLog(ProblemResponses.class);

    // A restarting backend is usually back within seconds; one second keeps retrying clients from hammering it
    // without making them wait much longer than needed.
    private static final String RETRY_AFTER_SECONDS = "1";

    // RFC 9457's "no semantics beyond the status code"; spelled out, as clients of SirenOrder expect a type
    private static final URI NO_PROBLEM_TYPE = URI.create("about:blank");

    private final ServerResponse.Context context;

    // when an open breaker next lets a call through (at the latest: it may have opened a while ago)
    private final String circuitOpenRetryAfterSeconds;

    ProblemResponses(ServerCodecConfigurer codecs, BreakerProperties breaker) {
        long waitMillis = breaker.waitDurationInOpenState().toMillis();
        this.circuitOpenRetryAfterSeconds = Long.toString(Math.max(1, (waitMillis + 999) / 1000));
        List<HttpMessageWriter<?>> writers = codecs.getWriters();
        this.context = new ServerResponse.Context() {
            @Override
            public List<HttpMessageWriter<?>> messageWriters() {
                return writers;
            }

            @Override
            public List<ViewResolver> viewResolvers() {
                return List.of();
            }
        };
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            // A backend failed mid-body: its status is already on the wire, so only dropping the connection is honest.
            return Mono.error(failure);
        }
        ProblemDetail problem = problemFor(exchange, failure);
        String retryAfter = switch (failure) {
            // the client's bucket has a token again then (see ClientRateLimiter)
            case HttpClientErrorException e when isTooManyRequests(e) ->
                    e.getResponseHeaders() == null ? null : e.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER);
            case ServiceUnavailableException e -> circuitOpenRetryAfterSeconds;
            default -> problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value() ? RETRY_AFTER_SECONDS : null;
        };
        return write(exchange, problem, retryAfter);
    }

    /**
     * Answers with a problem the gateway decided on outside routing, such as its security's {@code 401} and
     * {@code 403}; headers already on the response (a {@code WWW-Authenticate}) stay.
     */
    Mono<Void> respond(ServerWebExchange exchange, HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(NO_PROBLEM_TYPE);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        return write(exchange, problem, null);
    }

    private Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem, @Nullable String retryAfter) {
        return ServerResponse.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .headers(headers -> {
                    if (retryAfter != null) {
                        headers.set(HttpHeaders.RETRY_AFTER, retryAfter);
                    }
                })
                .bodyValue(problem)
                .flatMap(response -> response.writeTo(exchange, context));
    }

    private static boolean isTooManyRequests(HttpClientErrorException e) {
        return e.getStatusCode().isSameCodeAs(HttpStatus.TOO_MANY_REQUESTS);
    }

    private static ProblemDetail problemFor(ServerWebExchange exchange, Throwable failure) {
        String path = exchange.getRequest().getPath().value();
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        String service = route == null ? "backend" : route.getId();
        ProblemDetail problem = switch (failure) {
            // refused or connect timeout: the request never reached the backend, so retrying it is safe
            case ConnectException e -> ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The %s service is unavailable.".formatted(service));
            // every instance the load balancer could offer has already failed this request (see ReadyInstances)
            case NotFoundException e -> ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The %s service is unavailable.".formatted(service));
            // the route's CircuitBreaker filter's answer to Resilience4j's CallNotPermittedException: the breaker is
            // open (or half-open with its probes taken), so the backend was not even tried
            case ServiceUnavailableException e -> ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The %s service is unavailable (circuit open).".formatted(service));
            // shed at the door, before the service was asked: trying again in a moment is safe
            case AdmissionControlGatewayFilterFactory.TooBusy e -> ProblemDetail.forStatusAndDetail(
                    HttpStatus.SERVICE_UNAVAILABLE, "The %s service is busy right now.".formatted(service));
            // the RequestRateLimiter filter's refusal (throw-on-limit), before the service was asked
            case HttpClientErrorException e when isTooManyRequests(e) -> ProblemDetail.forStatusAndDetail(
                    HttpStatus.TOO_MANY_REQUESTS, "Too many requests from this client: slow down and try again.");
            case PrematureCloseException e -> ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
                    "The %s service closed the connection without answering.".formatted(service));
            case ErrorResponse e when route != null && e.getStatusCode().isSameCodeAs(HttpStatus.GATEWAY_TIMEOUT) ->
                    ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT,
                            "The %s service did not answer in time.".formatted(service));
            case ErrorResponse e when route == null && e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND) ->
                    ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No route matches " + path + ".");
            case ErrorResponse e -> e.getBody();
            default -> {
                log.error("Unexpected failure answering " + exchange.getRequest().getMethod() + " " + path, failure);
                yield ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                        "The gateway failed to handle the request.");
            }
        };
        // Backend failures are expected whenever one is down, possibly thousands of times a second: the client and
        // the http.server.requests metric are told, the log only on demand.
        if (log.isDebugEnabled()) {
            log.debug(exchange.getRequest().getMethod() + " " + path + " answered " + problem.getStatus() + ": "
                    + failure);
        }
        if (problem.getType() == null) {
            problem.setType(NO_PROBLEM_TYPE);
        }
        problem.setInstance(URI.create(path));
        return problem;
    }
}
