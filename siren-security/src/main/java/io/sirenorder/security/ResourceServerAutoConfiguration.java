package io.sirenorder.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * What makes every service a resource server of the same kind: a token's {@code roles} claim read as its
 * authorities, and the guard that fits the service, servlet or reactive. Spring Boot builds the token decoder from
 * {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri} (the auth service's keys) and {@code issuer-uri}
 * (the one issuer a token may name), which whoever runs the service gives.
 */
@AutoConfiguration
public final class ResourceServerAutoConfiguration {

    @Bean
    JwtAuthenticationConverter rolesAsAuthorities() {
        var authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }

    /**
     * No observations of Spring Security's own: every request is timed already ({@code http.server.requests}), and
     * by default each filter of the chain, each authentication and each authorization would be observed as well, on
     * every request.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Each token checked once, until it expires (see {@link RememberedTokens}). */
    @Bean
    static RememberingDecoders rememberingDecoders() {
        return new RememberingDecoders();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    static class Servlet {

        @Bean
        ServletGuard servletGuard(JwtAuthenticationConverter roles) {
            return new ServletGuard(roles);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.REACTIVE)
    static class Reactive {

        @Bean
        ReactiveGuard reactiveGuard(JwtAuthenticationConverter roles) {
            return new ReactiveGuard(roles);
        }
    }
}
