package io.sirenorder.notification.web;

import io.sirenorder.security.ReactiveGuard;
import io.sirenorder.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Anyone may listen to the stream, and hears of the menu; a token (in the {@code access_token} parameter, since a
 * browser's EventSource cannot send headers, or the {@code Authorization} header) adds orders: a customer's, their
 * own; a clerk's, every order. Who hears what is the stream's to decide (NotificationController), not a rule here:
 * the stream is open to all, and a token that is not good is refused, never taken as no token.
 */
@Configuration(proxyBeanMethods = false)
class NotificationSecurity {

    static final String STREAM = "/notifications/stream";

    @Bean
    SecurityWebFilterChain notificationRules(ServerHttpSecurity http, ReactiveGuard guard) {
        return guard.build(http, exchanges -> exchanges
                .pathMatchers(HttpMethod.GET, STREAM).permitAll()
                .anyExchange().hasRole(Roles.CLERK), STREAM);
    }
}
