package io.sirenorder.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The single entry point of SirenOrder. Routes are declared in {@code application.yml}; this module's code guards the
 * door (who may do what: {@link EdgeSecurity}; each client's rate limit: {@link ClientRateLimiter}; the size of a
 * request body: {@link BodySizeLimitGatewayFilterFactory}; how many requests a service is sent at once:
 * {@link AdmissionControlGatewayFilterFactory}), shapes the answers the gateway gives itself (see
 * {@link ProblemResponses}) and serves the web app ({@link WebApp}).
 */
@SpringBootApplication
public class GatewayApplication {

    /** Reactor Netty's system property for the number of event loops, which it sets to at least four. */
    static final String EVENT_LOOPS = "reactor.netty.ioWorkerCount";

    public static void main(String[] args) {
        // One event loop per core: on a two-core machine Reactor Netty's four only added context switches (with
        // two, two siren-bench runs placed 6 and 13 % more orders at 6 and 12 % less CPU each). An explicit setting
        // wins.
        if (System.getProperty(EVENT_LOOPS) == null) {
            System.setProperty(EVENT_LOOPS, String.valueOf(Runtime.getRuntime().availableProcessors()));
        }
        SpringApplication.run(GatewayApplication.class, args);
    }
}
