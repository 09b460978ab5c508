package io.sirenorder.messaging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;

@SpringBootConfiguration
@EnableAutoConfiguration
class MessagingTestApplication {

    /** A consumer like the services' own: it records what it was given. */
    static class RecordingListener {

        final List<Object> received = new CopyOnWriteArrayList<>();

        @KafkaListener(topics = io.sirenorder.events.Topics.PRODUCT_EVENTS)
        void on(io.sirenorder.events.ProductEvent event) {
            received.add(event);
        }
    }

    @Bean
    RecordingListener recordingListener() {
        return new RecordingListener();
    }
}
