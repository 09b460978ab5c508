package io.sirenorder.messaging;

import io.sirenorder.events.OrderEvent;
import io.sirenorder.events.ProductEvent;
import io.sirenorder.events.Topics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.annotation.KafkaListener;

@SpringBootConfiguration
@EnableAutoConfiguration
class MessagingTestApplication {

    /** A consumer like the services' own: it records what it was given. */
    static class RecordingListener {

        final List<Object> received = new CopyOnWriteArrayList<>();

        @KafkaListener(topics = Topics.PRODUCT_EVENTS)
        void on(ProductEvent event) {
            received.add(event);
        }
    }

    /** A consumer whose database is down for its first few attempts. */
    static class OutageListener {

        final List<Object> received = new CopyOnWriteArrayList<>();
        final AtomicInteger failuresLeft = new AtomicInteger(4);

        @KafkaListener(topics = Topics.ORDER_EVENTS)
        void on(OrderEvent event) {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new DataAccessResourceFailureException("database is down");
            }
            received.add(event);
        }
    }

    @Bean
    OutageListener outageListener() {
        return new OutageListener();
    }

    @Bean
    RecordingListener recordingListener() {
        return new RecordingListener();
    }
}
