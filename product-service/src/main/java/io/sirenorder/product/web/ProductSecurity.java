package io.sirenorder.product.web;

import io.sirenorder.security.Roles;
import io.sirenorder.security.ServletGuard;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what with the catalogue: anyone reads it (the seed's {@code /products/checkProduct} too, a product's
 * price as its detail shows it), clerks keep it, and an order being placed (the customer's token, relayed by the
 * order service) may check a product's availability.
 */
@Configuration(proxyBeanMethods = false)
class ProductSecurity {

    @Bean
    SecurityFilterChain productRules(HttpSecurity http, ServletGuard guard) throws Exception {
        return guard.build(http, requests -> requests
                .requestMatchers(HttpMethod.GET, "/products", "/products/{productId}").permitAll()
                .requestMatchers(HttpMethod.GET, "/products/{productId}/availability")
                .hasAnyRole(Roles.CUSTOMER, Roles.CLERK)
                .anyRequest().hasRole(Roles.CLERK));
    }
}
