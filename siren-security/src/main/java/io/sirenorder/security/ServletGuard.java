package io.sirenorder.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * A servlet service's guard (product, order, report): every request needs a valid access token unless the service's
 * own rules let it through; actuator's health answers anyone (probes), its other endpoints (metrics, faults) only
 * this machine. A service declares its rules once:
 * <pre>{@code
 * @Bean
 * SecurityFilterChain security(HttpSecurity http, ServletGuard guard) {
 *     return guard.build(http, requests -> requests
 *             .requestMatchers(HttpMethod.GET, "/products").permitAll()
 *             .anyRequest().hasRole(Roles.CLERK));
 * }
 * }</pre>
 * No sessions, no cookies, hence no CSRF: a request is who its bearer token says, and nothing else.
 */
public final class ServletGuard {

    private final JwtAuthenticationConverter roles;

    ServletGuard(JwtAuthenticationConverter roles) {
        this.roles = roles;
    }

    public SecurityFilterChain build(HttpSecurity http,
            Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> rules)
            throws Exception {
        var bearer = new BearerTokenAuthenticationEntryPoint();
        var denied = new BearerTokenAccessDeniedHandler();
        http.authorizeHttpRequests(requests -> {
            // Spring's own error dispatch of a request already answered by the rules below
            requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
            requests.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
            requests.requestMatchers("/actuator/**").access(fromThisMachine());
            rules.customize(requests);
        });
        http.oauth2ResourceServer(resourceServer -> resourceServer
                .jwt(jwt -> jwt.jwtAuthenticationConverter(roles))
                .authenticationEntryPoint((request, response, e) -> {
                    bearer.commence(request, response, e);
                    write(response, SecurityProblems.unauthenticated(e, request.getRequestURI()));
                })
                .accessDeniedHandler((request, response, e) -> {
                    denied.handle(request, response, e);
                    write(response, SecurityProblems.forbidden(request.getRequestURI()));
                }));
        http.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        http.csrf(csrf -> csrf.disable());
        http.requestCache(cache -> cache.disable());
        return http.build();
    }

    /** Loopback, IPv4 or IPv6: the launcher, the benchmarks, a scraper beside the service. */
    private static AuthorizationManager<RequestAuthorizationContext> fromThisMachine() {
        return (authentication, context) -> new AuthorizationDecision(
                isLoopback(context.getRequest().getRemoteAddr()));
    }

    private static boolean isLoopback(String address) {
        try {
            // an address literal, as the server gives it: no name is looked up
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void write(HttpServletResponse response, byte[] body) throws IOException {
        response.setContentType(SecurityProblems.PROBLEM_JSON.toString());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
