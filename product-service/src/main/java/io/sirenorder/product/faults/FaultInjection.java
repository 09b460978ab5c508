package io.sirenorder.product.faults;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Fault injection for demonstrations and tests, never in production: only with {@code siren.faults.enabled=true},
 * which only the {@code local} profile sets (product's tests use it too). Only the calls order makes are affected.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("siren.faults.enabled")
class FaultInjection implements WebMvcConfigurer {

    static final String[] PATHS = {"/products/*/availability", "/products/checkProduct"};

    private final Faults faults = new Faults();

    @Bean
    Faults faults() {
        return faults;
    }

    @Bean
    FaultsEndpoint faultsEndpoint() {
        return new FaultsEndpoint(faults);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new FaultInjectingInterceptor(faults)).addPathPatterns(PATHS);
    }
}
