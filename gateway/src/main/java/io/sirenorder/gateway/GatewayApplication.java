package io.sirenorder.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The single entry point of SirenOrder. Routes are declared in {@code application.yml}; this module's code only
 * shapes the answers the gateway gives itself (see {@link ProblemResponses}).
 */
@SpringBootApplication
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
