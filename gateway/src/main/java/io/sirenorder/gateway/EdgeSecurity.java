package io.sirenorder.gateway;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import io.sirenorder.security.Roles;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.access.server.BearerTokenServerAccessDeniedHandler;
import org.springframework.security.oauth2.server.resource.web.server.BearerTokenServerAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who may do what, decided at the door: the gateway is an OAuth2 resource server that checks every bearer token
 * (auth's RS256 JWTs, against auth's JWK set; issuer, signature, expiry) before a request reaches a service, and
 * turns away what a caller's role may not do. The services check the token again (it is passed on with the
 * request) and apply the finer rules themselves: whose order it is, for one.
 * <ul>
 * <li>anyone: the menu, the catalogue's reads, the web app's pages and files, the notification stream (which itself
 * decides which order events a caller may see), auth's sign-in and token endpoints, {@code /actuator/health};
 * <li>a clerk: every change to the catalogue, the report;
 * <li>a customer: placing an order;
 * <li>anything else: any valid token.
 * </ul>
 * The roles are the token's {@code roles} claim, as {@code ROLE_clerk} and {@code ROLE_customer} (Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.authorities-claim-name} and {@code authority-prefix}).
 * <p>
 * Stateless: no session, no cookie, no CSRF token (a bearer token in a header is not sent by a browser on its own),
 * no login form or basic authentication of its own; {@code /login} and {@code /logout} are auth's, routed to it. A
 * refusal is a problem body like every other answer of the gateway's ({@link ProblemResponses}): {@code 401} with
 * {@code WWW-Authenticate: Bearer ...} (RFC 6750) when the token is missing, malformed, forged, expired or from
 * another issuer, {@code 403} when the role may not.
 * <p>
 * The gateway's actuator endpoints other than health answer only on the gateway's own machine: a request from
 * elsewhere gets {@code 403} whatever token it carries.
 */
@Configuration(proxyBeanMethods = false)
class EdgeSecurity {

    /**
     * The web app's own pages get a policy without inline script or style: only its own files run, and nothing is
     * loaded from elsewhere or sent elsewhere. Only answers the gateway gives itself get it (see
     * {@link #webAppPolicy()}), never a service's, so auth's sign-in page sets its own.
     */
    static final String WEB_APP_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; "
            + "base-uri 'self'; form-action 'self'";

    /** The only request that may carry its token as the query parameter {@code access_token}: an EventSource. */
    private static final ServerWebExchangeMatcher STREAM =
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/notifications/stream");

    /** The actuator's, each but health only from the gateway's own machine. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain actuator(ServerHttpSecurity http, ProblemResponses problems) {
        Function<ServerWebExchange, Mono<Void>> notFromHere = exchange -> problems.respond(exchange,
                HttpStatus.FORBIDDEN, "The gateway's actuator endpoints other than health answer only on its own "
                        + "machine.");
        return stateless(http)
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/actuator", "/actuator/**"))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyExchange().access((authentication, context) ->
                                Mono.just(new AuthorizationDecision(fromLoopback(context.getExchange())))))
                .exceptionHandling(handling -> handling
                        .accessDeniedHandler((exchange, denied) -> notFromHere.apply(exchange))
                        .authenticationEntryPoint((exchange, failure) -> notFromHere.apply(exchange)))
                .build();
    }

    /** Everything else: the routes to the services and the web app. */
    @Bean
    SecurityWebFilterChain routesAndWebApp(ServerHttpSecurity http, ProblemResponses problems) {
        return stateless(http)
                .authorizeExchange(exchanges -> exchanges
                        // anyone
                        .pathMatchers(HttpMethod.GET, "/menu/**", "/products", "/products/{id}",
                                "/notifications/stream").permitAll()
                        .pathMatchers("/", "/clerk", "/*.html", "/*.js", "/*.css", "/favicon.ico").permitAll()
                        .pathMatchers("/oauth2/**", "/login", "/logout", "/.well-known/**").permitAll()
                        // a clerk keeps the catalogue and reads the report
                        .pathMatchers(HttpMethod.POST, "/products/**").hasRole(Roles.CLERK)
                        .pathMatchers(HttpMethod.PUT, "/products/**").hasRole(Roles.CLERK)
                        .pathMatchers(HttpMethod.PATCH, "/products/**").hasRole(Roles.CLERK)
                        .pathMatchers(HttpMethod.DELETE, "/products/**").hasRole(Roles.CLERK)
                        .pathMatchers("/reports/**").hasRole(Roles.CLERK)
                        // a customer orders
                        .pathMatchers(HttpMethod.POST, "/orders").hasRole(Roles.CUSTOMER)
                        // the rest is the services' to decide, for anyone signed in
                        .anyExchange().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(Customizer.withDefaults()) // Boot's decoder, and its converter of the roles claim
                        .bearerTokenConverter(bearerTokens())
                        .authenticationEntryPoint(unauthorized(problems))
                        .accessDeniedHandler(forbidden(problems)))
                .build();
    }

    /**
     * What both chains share: no session and no cookie, no CSRF token, none of Spring Security's login or logout
     * pages; Spring Security's default response headers (each only where a service has not set it), no referrer,
     * and the web app's content security policy.
     */
    private static ServerHttpSecurity stateless(ServerHttpSecurity http) {
        return http
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .headers(headers -> headers
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .writer(webAppPolicy()));
    }

    /**
     * The web app's content security policy on every answer the gateway gives itself (its pages and files, and its
     * own problem bodies), never on a service's: a routed request has its route by the time headers are written.
     */
    static ServerHttpHeadersWriter webAppPolicy() {
        return exchange -> {
            if (exchange.getAttribute(GATEWAY_ROUTE_ATTR) == null) {
                exchange.getResponse().getHeaders().set("Content-Security-Policy", WEB_APP_POLICY);
            }
            return Mono.empty();
        };
    }

    /**
     * A bearer token in the {@code Authorization} header; on the notification stream also as the query parameter
     * {@code access_token}, because a browser's EventSource cannot send headers. The query passes on to
     * notification unchanged.
     */
    private static ServerAuthenticationConverter bearerTokens() {
        ServerBearerTokenAuthenticationConverter headerOnly = new ServerBearerTokenAuthenticationConverter();
        ServerBearerTokenAuthenticationConverter headerOrQuery = new ServerBearerTokenAuthenticationConverter();
        headerOrQuery.setAllowUriQueryParameter(true);
        return exchange -> STREAM.matches(exchange).flatMap(match -> match.isMatch()
                ? headerOrQuery.convert(exchange) : headerOnly.convert(exchange));
    }

    /** {@code 401}, or {@code 400} for a request that is not one (two tokens), with Spring's WWW-Authenticate. */
    private static ServerAuthenticationEntryPoint unauthorized(ProblemResponses problems) {
        BearerTokenServerAuthenticationEntryPoint bearer = new BearerTokenServerAuthenticationEntryPoint();
        return (exchange, failure) -> bearer.commence(headersOnly(exchange), failure)
                .then(Mono.defer(() -> problems.respond(exchange, statusOf(exchange), unauthorizedDetail(failure))));
    }

    private static String unauthorizedDetail(AuthenticationException failure) {
        if (failure instanceof OAuth2AuthenticationException oauth2) {
            String description = oauth2.getError().getDescription();
            return StringUtils.hasText(description) ? "The bearer token was refused: " + description
                    : "The bearer token was refused.";
        }
        return "This needs a bearer token: sign in first.";
    }

    /** {@code 403} with Spring's WWW-Authenticate ({@code insufficient_scope}). */
    private static ServerAccessDeniedHandler forbidden(ProblemResponses problems) {
        BearerTokenServerAccessDeniedHandler bearer = new BearerTokenServerAccessDeniedHandler();
        return (exchange, denied) -> bearer.handle(headersOnly(exchange), denied)
                .then(Mono.defer(() -> problems.respond(exchange, HttpStatus.FORBIDDEN,
                        "Your role may not do this.")));
    }

    private static HttpStatusCode statusOf(ServerWebExchange exchange) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        return status == null ? HttpStatus.UNAUTHORIZED : status;
    }

    /**
     * The exchange for Spring's bearer-token handlers, which set the status and {@code WWW-Authenticate} and then
     * complete the response: here the completing is left to the problem body that follows.
     */
    private static ServerWebExchange headersOnly(ServerWebExchange exchange) {
        ServerHttpResponse response = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> setComplete() {
                return Mono.empty();
            }
        };
        return exchange.mutate().response(response).build();
    }

    /** Whether the request comes from the gateway's own machine (the connection's peer, never a header). */
    static boolean fromLoopback(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        InetAddress address = remote == null ? null : remote.getAddress();
        return address != null && address.isLoopbackAddress();
    }
}
