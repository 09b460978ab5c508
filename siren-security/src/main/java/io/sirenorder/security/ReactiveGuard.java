package io.sirenorder.security;

import java.net.InetSocketAddress;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.oauth2.server.resource.web.access.server.BearerTokenServerAccessDeniedHandler;
import org.springframework.security.oauth2.server.resource.web.server.BearerTokenServerAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;

/**
 * The reactive twin of {@link ServletGuard}, for a WebFlux service (notification): the same tokens, the same
 * actuator rule, the same problem bodies.
 * <p>
 * A browser's {@code EventSource} cannot send headers, so on the paths given as streams the token is also taken
 * from the {@code access_token} query parameter (RFC 6750 section 2.3); everywhere else only from the
 * {@code Authorization} header, where it stays out of URLs and logs.
 */
public final class ReactiveGuard {

    private final JwtAuthenticationConverter roles;

    ReactiveGuard(JwtAuthenticationConverter roles) {
        this.roles = roles;
    }

    public SecurityWebFilterChain build(ServerHttpSecurity http,
            Customizer<ServerHttpSecurity.AuthorizeExchangeSpec> rules, String... streams) {
        ServerWebExchangeMatcher streamPaths = ServerWebExchangeMatchers.pathMatchers(streams);
        var header = new ServerBearerTokenAuthenticationConverter();
        var headerOrQuery = new ServerBearerTokenAuthenticationConverter();
        headerOrQuery.setAllowUriQueryParameter(true);
        var bearer = new BearerTokenServerAuthenticationEntryPoint();
        var denied = new BearerTokenServerAccessDeniedHandler();
        return http
                .authorizeExchange(exchanges -> {
                    exchanges.pathMatchers("/actuator/health", "/actuator/health/**").permitAll();
                    exchanges.pathMatchers("/actuator/**").access(fromThisMachine());
                    rules.customize(exchanges);
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(
                                new ReactiveJwtAuthenticationConverterAdapter(roles)))
                        .bearerTokenConverter(exchange -> streamPaths.matches(exchange)
                                .flatMap(match -> (match.isMatch() ? headerOrQuery : header).convert(exchange)))
                        .authenticationEntryPoint((exchange, e) -> bearer.commence(exchange, e).then(write(
                                exchange.getResponse(),
                                SecurityProblems.unauthenticated(e, exchange.getRequest().getPath().value()))))
                        .accessDeniedHandler((exchange, e) -> denied.handle(exchange, e).then(write(
                                exchange.getResponse(),
                                SecurityProblems.forbidden(exchange.getRequest().getPath().value())))))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .build();
    }

    /** Loopback, IPv4 or IPv6: the launcher, the benchmarks, a scraper beside the service. */
    private static ReactiveAuthorizationManager<AuthorizationContext> fromThisMachine() {
        return (authentication, context) -> {
            InetSocketAddress remote = context.getExchange().getRequest().getRemoteAddress();
            return Mono.just(new AuthorizationDecision(remote != null && remote.getAddress() != null
                    && remote.getAddress().isLoopbackAddress()));
        };
    }

    private static Mono<Void> write(ServerHttpResponse response, byte[] body) {
        response.getHeaders().setContentType(SecurityProblems.PROBLEM_JSON);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }
}
