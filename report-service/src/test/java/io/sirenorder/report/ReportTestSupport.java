package io.sirenorder.report;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

@TestConfiguration(proxyBeanMethods = false)
class ReportTestSupport {

    @Bean
    EventLog eventLog(EmbeddedKafkaBroker broker) {
        return new EventLog(broker);
    }

    @Bean
    ReportClient reportClient(Environment environment) {
        // the port is known only once the server has started, which is after the beans are made
        return new ReportClient(() -> environment.getRequiredProperty("local.server.port", Integer.class));
    }
}
