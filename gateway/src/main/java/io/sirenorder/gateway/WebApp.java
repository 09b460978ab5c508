package io.sirenorder.gateway;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The SirenOrder web app: plain HTML, CSS and JavaScript modules under {@code static/}, served by the gateway so
 * that the pages and the API they call share one origin. {@code /} is the customer's page (Spring Boot's welcome
 * page, {@code index.html}); {@code /clerk} the clerk's.
 */
@Configuration(proxyBeanMethods = false)
class WebApp {

    @Bean
    RouterFunction<ServerResponse> clerkPage(@Value("classpath:/static/clerk.html") Resource clerk) {
        return RouterFunctions.route(GET("/clerk"),
                request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(clerk));
    }
}
