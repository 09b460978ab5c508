package io.sirenorder.problems;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The problem responses that fit the service: servlet (product, order, report) or reactive (notification). Ahead of
 * Spring Boot's own problem details, which then step aside: they are there only without another exception handler.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
        "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration"})
public final class ProblemsAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    static class Servlet {

        @Bean
        ServletProblemResponses servletProblemResponses(ObjectProvider<ProblemMappings> mappings) {
            return new ServletProblemResponses(mappings);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.REACTIVE)
    static class Reactive {

        @Bean
        ReactiveProblemResponses reactiveProblemResponses() {
            return new ReactiveProblemResponses();
        }
    }
}
