package io.sirenorder.notification;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sirenorder.notification.application.NotificationHub;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Bean
    NotificationHub notificationHub(NotificationProperties properties) {
        return new NotificationHub(properties.historySize());
    }

    /**
     * Ends the streams as the service shuts down, once it has drained (siren-shutdown: by then the gateway sends
     * their clients' reconnections to another instance) and just before the web server's graceful shutdown, which
     * would otherwise wait its whole timeout for them, as a stream never ends by itself.
     */
    @Bean
    SmartLifecycle endStreamsOnShutdown(NotificationHub hub) {
        return new SmartLifecycle() {

            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                running = false;
                hub.close();
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
            }
        };
    }

    @Bean
    MeterBinder subscribersGauge(NotificationHub hub) {
        return registry -> Gauge.builder("siren.notifications.subscribers", hub, NotificationHub::subscriberCount)
                .description("Open notification streams")
                .register(registry);
    }
}
