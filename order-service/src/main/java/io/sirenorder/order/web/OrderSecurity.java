package io.sirenorder.order.web;

import io.sirenorder.security.Roles;
import io.sirenorder.security.ServletGuard;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what with orders: anyone reads the menu; customers place orders; customers and clerks read and move
 * them, each what OrderController and the order's rules let them see and do.
 */
@Configuration(proxyBeanMethods = false)
class OrderSecurity {

    @Bean
    SecurityFilterChain orderRules(HttpSecurity http, ServletGuard guard) throws Exception {
        return guard.build(http, requests -> requests
                .requestMatchers(HttpMethod.GET, "/menu", "/menu/**").permitAll()
                .requestMatchers(HttpMethod.POST, "/orders").hasRole(Roles.CUSTOMER)
                .requestMatchers(HttpMethod.GET, "/orders", "/orders/**").hasAnyRole(Roles.CUSTOMER, Roles.CLERK)
                .requestMatchers(HttpMethod.PATCH, "/orders/*").hasAnyRole(Roles.CUSTOMER, Roles.CLERK)
                .anyRequest().hasRole(Roles.CLERK));
    }
}
