package io.sirenorder.notification.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A record notification cannot read or push is logged and skipped, not dead-lettered as siren-messaging would: every
 * instance consumes in a throwaway group of its own, so it would put a copy of each poison record on the dead-letter
 * topic per instance and per start. The services that keep state (order, report) dead-letter it, once each.
 */
@Configuration(proxyBeanMethods = false)
class PoisonRecords {

    private static final Logger log = LoggerFactory.getLogger(PoisonRecords.class);

    @Bean
    DefaultErrorHandler skipPoisonRecords() {
        return new DefaultErrorHandler((record, failure) -> log.warn("Skipped {}-{}@{}: {}", record.topic(),
                record.partition(), record.offset(), NestedExceptionUtils.getMostSpecificCause(failure).getMessage()),
                new FixedBackOff(0, 0));
    }
}
