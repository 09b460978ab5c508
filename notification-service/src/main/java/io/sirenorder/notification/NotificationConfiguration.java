package io.sirenorder.notification;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sirenorder.notification.application.NotificationHub;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;

@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Bean
    NotificationHub notificationHub(NotificationProperties properties) {
        return new NotificationHub(properties.historySize());
    }

    /**
     * Ends the streams as soon as the service begins to shut down: the web server's graceful shutdown would
     * otherwise wait its whole timeout for them, as a stream never ends by itself.
     */
    @Bean
    ApplicationListener<ContextClosedEvent> endStreamsOnShutdown(NotificationHub hub) {
        return closed -> hub.close();
    }

    @Bean
    MeterBinder subscribersGauge(NotificationHub hub) {
        return registry -> Gauge.builder("siren.notifications.subscribers", hub, NotificationHub::subscriberCount)
                .description("Open notification streams")
                .register(registry);
    }
}
