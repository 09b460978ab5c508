package io.sirenorder.report.web;

import io.sirenorder.security.Roles;
import io.sirenorder.security.ServletGuard;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** The reports are the clerks' alone: what sold, for how much. */
@Configuration(proxyBeanMethods = false)
class ReportSecurity {

    @Bean
    SecurityFilterChain reportRules(HttpSecurity http, ServletGuard guard) throws Exception {
        return guard.build(http, requests -> requests.anyRequest().hasRole(Roles.CLERK));
    }
}
