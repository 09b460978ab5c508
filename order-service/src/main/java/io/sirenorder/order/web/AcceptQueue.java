package io.sirenorder.order.web;

import java.util.Arrays;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connections that arrive together, as when the gateway opens dozens at the start of a rush, wait in the kernel's
 * queue until Jetty accepts them. Jetty's own queue is the JVM's default of 50; beyond it the kernel drops a
 * connection attempt, which is tried again only after a second, long past the gateway's connect timeout, so that the
 * gateway took order for down and refused orders for a while.
 */
@Configuration(proxyBeanMethods = false)
class AcceptQueue {

    static final int SIZE = 1024;

    @Bean
    JettyServerCustomizer acceptQueueSize() {
        return server -> Arrays.stream(server.getConnectors())
                .filter(ServerConnector.class::isInstance)
                .map(ServerConnector.class::cast)
                .forEach(connector -> connector.setAcceptQueueSize(SIZE));
    }
}
