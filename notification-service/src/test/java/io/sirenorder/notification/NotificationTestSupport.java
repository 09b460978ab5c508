package io.sirenorder.notification;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

@TestConfiguration(proxyBeanMethods = false)
class NotificationTestSupport {

    @Bean
    Outboxes outboxes(EmbeddedKafkaBroker broker) {
        return new Outboxes(broker);
    }

    @Bean
    Streams streams(Environment environment, Outboxes outboxes) {
        // the port is known only once the server has started, which is after the beans are made
        return new Streams(outboxes, () -> environment.getRequiredProperty("local.server.port", Integer.class));
    }
}
