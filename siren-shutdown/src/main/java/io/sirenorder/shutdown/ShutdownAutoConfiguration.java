package io.sirenorder.shutdown;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A service told to stop (a rolling restart's SIGTERM, Kubernetes moving a pod) ends without failing a request sent
 * to it:
 * <ol>
 * <li>its readiness goes to {@code REFUSING_TRAFFIC} as soon as its context begins to close (Spring Boot's own), so
 * that load balancers stop choosing it: the gateway within about a second (its health checks), Kubernetes at its next
 * readiness probe;</li>
 * <li>for {@code siren.shutdown.drain} it goes on as before ({@link ShutdownDrain}): the web server still accepts
 * connections and answers, the Kafka listeners still consume. A request sent before its balancer noticed is
 * answered, even one on a pooled keep-alive connection, which the web server would otherwise close under it, and
 * which the gateway cannot send again when it is a POST;</li>
 * <li>then everything stops, phase by phase, each given {@code spring.lifecycle.timeout-per-shutdown-phase} at
 * most: the Kafka listeners commit what they applied and leave their groups, and the web server stops accepting and
 * lets the requests in flight finish (graceful shutdown, Spring Boot's default since 3.4).</li>
 * </ol>
 */
@AutoConfiguration
@ConditionalOnWebApplication
@EnableConfigurationProperties(ShutdownProperties.class)
public class ShutdownAutoConfiguration {

    @Bean
    ShutdownDrain shutdownDrain(ShutdownProperties properties) {
        return new ShutdownDrain(properties.drain());
    }
}
