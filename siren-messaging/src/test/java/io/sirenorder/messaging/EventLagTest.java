package io.sirenorder.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sirenorder.events.CloudEventHeaders;
import io.sirenorder.events.EventJson;
import io.sirenorder.events.EventType;
import io.sirenorder.events.ProductRegistered;
import io.sirenorder.events.ProductState;
import io.sirenorder.events.ProductStatus;
import io.sirenorder.events.Topics;
import io.sirenorder.messaging.consumer.EventConsumerAutoConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/** How far behind its producer a consumer runs is measured for every event it applies. */
@SpringBootTest
@EmbeddedKafka(partitions = 1)
class EventLagTest {

    private static final Duration COMMITTED_AGO = Duration.ofSeconds(3);

    @Autowired
    MessagingTestApplication.RecordingListener listener;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    MeterRegistry meters;

    @Test
    void anAppliedEventIsTimedFromItsCommitAtTheProducer() {
        var registered = new ProductRegistered(new ProductState(7, 1, null, 1000, ProductStatus.Available,
                Instant.now()));
        var record = new ProducerRecord<String, byte[]>(Topics.PRODUCT_EVENTS, "7", EventJson.write(registered));
        record.headers().add(CloudEventHeaders.TYPE,
                EventType.PRODUCT_REGISTERED.ceType().getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.TIME,
                Instant.now().minus(COMMITTED_AGO).toString().getBytes(StandardCharsets.UTF_8));
        try (Producer<String, byte[]> producer = new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new ByteArraySerializer())
                .createProducer()) {
            producer.send(record);
        }

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(listener.received).contains(registered));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Timer lag = meters.find(EventConsumerAutoConfiguration.LAG_METRIC)
                    .tag("topic", Topics.PRODUCT_EVENTS).timer();
            assertThat(lag).as("the product events' lag timer").isNotNull();
            assertThat(lag.count()).isEqualTo(1);
            // at least the time since the commit, and not much more on any machine
            assertThat(lag.max(TimeUnit.MILLISECONDS)).isBetween((double) COMMITTED_AGO.toMillis(),
                    (double) COMMITTED_AGO.plusSeconds(15).toMillis());
        });
    }

    /** The services get their registry from Actuator. */
    @TestConfiguration
    static class Metrics {

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
