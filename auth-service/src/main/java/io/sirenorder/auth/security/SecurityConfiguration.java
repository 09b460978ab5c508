package io.sirenorder.auth.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.sirenorder.auth.application.Accounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.web.access.IpAddressAuthorizationManager;
import org.springframework.security.web.authentication.Http403ForbiddenEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Auth as an OAuth 2.1 authorization server (Spring Security's), with Spring Security's form login for its users.
 * <p>
 * The clients are registered from configuration ({@code spring.security.oauth2.authorizationserver.client.*}, in
 * application.yml): the web app ({@code siren-web}) and the command line ({@code siren-cli}), both public clients
 * using the authorization code flow with PKCE, without a consent screen. Access tokens are JWTs signed with the
 * {@link SigningKey}, whose public half is at {@code /oauth2/jwks}; the {@link RolesClaim} adds the user's role.
 * <p>
 * The issuer every token names is configured ({@code spring.security.oauth2.authorizationserver.issuer}), not taken
 * from the request: browsers reach auth through the gateway, the services and the launcher reach it directly, and
 * all must agree on one issuer. Behind the gateway, auth builds its redirects (to the login page, back to the
 * authorization endpoint) from the gateway's {@code X-Forwarded-*} headers ({@code server.forward-headers-strategy}),
 * so the browser stays on the gateway's origin.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    SecurityConfiguration(OAuth2AuthorizationServerProperties server) {
        if (server.getIssuer() == null || server.getIssuer().isBlank()) {
            throw new AuthMisconfigured("spring.security.oauth2.authorizationserver.issuer is not set: every token "
                    + "names one issuer, and the services accept only tokens naming it",
                    "Set it to the address clients reach auth at: the gateway's base URL, e.g. "
                            + "https://shop.example.com (./siren passes the local gateway's)");
        }
    }

    /** The authorization server's endpoints: {@code /oauth2/authorize}, {@code /oauth2/token}, the key set, ... */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain authorizationServer(HttpSecurity http) {
        http.oauth2AuthorizationServer(server -> http.securityMatcher(server.getEndpointsMatcher()))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // a browser not signed in yet is sent to the login page, and back once signed in
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    /**
     * The login page ({@code /login}, {@code /logout}); actuator's health for anyone (probes), its other endpoints
     * (metrics, info) for this machine only, as on every service. Behind the gateway the client's address is the
     * one the gateway saw ({@code X-Forwarded-For}), and the gateway has no route to auth's actuator.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    SecurityFilterChain signIn(HttpSecurity http, AuthProperties properties, Accounts accounts) {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/actuator/**").access(AuthorizationManagers.anyOf(
                                IpAddressAuthorizationManager.hasIpAddress("127.0.0.0/8"),
                                IpAddressAuthorizationManager.hasIpAddress("::1")))
                        .anyRequest().authenticated())
                // refused, rather than sent to the login page
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new Http403ForbiddenEntryPoint(), PathPatternRequestMatcher.pathPattern("/actuator/**")))
                .formLogin(Customizer.withDefaults());
        if (properties.customersOnFirstSignIn()) {
            http.authenticationProvider(new FirstSignIn(accounts));
        }
        return http.build();
    }

    @Bean
    JWKSource<SecurityContext> signingKeys(AuthProperties properties) {
        RSAKey key;
        if (properties.hasSigningKey()) {
            key = SigningKey.fromPem(properties.signingKey(), properties.keyId());
            log.info("Signing tokens with the configured key {}", key.getKeyID());
        } else {
            key = SigningKey.generate();
            log.info("Signing tokens with a key made at start ({}): tokens issued before this start are refused; "
                    + "set siren.auth.signing-key to keep one", key.getKeyID());
        }
        return new ImmutableJWKSet<>(new JWKSet(key));
    }
}
