package io.sirenorder.messaging;

import io.sirenorder.events.Topics;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Every service declares every SirenOrder topic, so whichever starts first creates them with the intended
 * partition count; Kafka leaves existing topics alone.
 */
@AutoConfiguration
public class TopicsAutoConfiguration {

    @Bean
    KafkaAdmin.NewTopics sirenTopics(@Value("${siren.messaging.partitions:3}") int partitions,
            @Value("${siren.messaging.replicas:1}") short replicas) {
        return new KafkaAdmin.NewTopics(Stream.of(Topics.PRODUCT_EVENTS, Topics.ORDER_EVENTS)
                .flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic)))
                .map(topic -> TopicBuilder.name(topic).partitions(partitions).replicas(replicas).build())
                .toArray(NewTopic[]::new));
    }
}
