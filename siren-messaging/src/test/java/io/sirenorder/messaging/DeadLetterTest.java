package io.sirenorder.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sirenorder.events.EventJson;
import io.sirenorder.events.EventType;
import io.sirenorder.events.OrderPlaced;
import io.sirenorder.events.ProductRegistered;
import io.sirenorder.events.ProductState;
import io.sirenorder.events.ProductStatus;
import io.sirenorder.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import io.sirenorder.messaging.consumer.EventConsumerAutoConfiguration;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

@SpringBootTest
@EmbeddedKafka(partitions = 1)
class DeadLetterTest {

    private static final String REGISTERED = "io.sirenorder.product.registered";

    @Autowired
    MessagingTestApplication.RecordingListener listener;
    @Autowired
    MessagingTestApplication.OutageListener outageListener;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    MeterRegistry meters;

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithTheirReasonAndDoNotBlockThoseBehind() {
        var good1 = registered(1);
        var good2 = registered(2);
        send(record(REGISTERED, EventJson.write(good1)),
                record(REGISTERED, "{not json".getBytes(StandardCharsets.UTF_8)),
                record("io.sirenorder.product.exploded", EventJson.write(good1)),
                record(REGISTERED, "{\"product\":{}}".getBytes(StandardCharsets.UTF_8)),
                record(REGISTERED, EventJson.write(good2)));

        await().atMost(Duration.ofSeconds(15)).until(() -> listener.received.size() == 2);
        assertThat(listener.received).containsExactly(good1, good2);

        List<ConsumerRecord<String, byte[]>> dead = receiveDeadLetters(3);
        assertThat(dead).extracting(r -> header(r, EventConsumerAutoConfiguration.REASON_HEADER))
                .anySatisfy(reason -> assertThat(reason).contains("unreadable"))
                .anySatisfy(reason -> assertThat(reason).contains("unknown event type 'io.sirenorder.product.exploded'"))
                .anySatisfy(reason -> assertThat(reason).contains("productId"));
        assertThat(dead).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .contains("{not json");
    }


    @Test
    void aRecordIsRetriedWhileTheDatabaseIsDownNotDeadLettered() {
        var order = new OrderPlaced(9, 1, 1, 1000, null, Instant.now());
        send(record(Topics.ORDER_EVENTS, EventType.ORDER_PLACED.ceType(), EventJson.write(order)));

        // four failures are more than the two retries a record that cannot be applied gets
        await().atMost(Duration.ofSeconds(15)).until(() -> outageListener.received.size() == 1);
        assertThat(outageListener.received).containsExactly(order);
    }

    @Test
    void eachDeadLetteredRecordIsCountedByTopicAndFailure() {
        send(record(Topics.ORDER_EVENTS, "io.sirenorder.order.exploded", "{}".getBytes(StandardCharsets.UTF_8)));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(meters
                .find(EventConsumerAutoConfiguration.DEAD_LETTERED_METRIC)
                .tags("topic", Topics.ORDER_EVENTS, "exception", "SerializationException")
                .counter())
                .as("the dead-lettered order record's counter")
                .isNotNull()
                .extracting(Counter::count).isEqualTo(1.0));
    }

    /** The services get their registry from Actuator. */
    @TestConfiguration
    static class Metrics {

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @SafeVarargs
    private void send(ProducerRecord<String, byte[]>... records) {
        RawRecords.send(broker, records);
    }

    private static ProductRegistered registered(long id) {
        return new ProductRegistered(new ProductState(id, 1, null, 1000, ProductStatus.Available, Instant.now()));
    }

    private static ProducerRecord<String, byte[]> record(String ceType, byte[] value) {
        return record(Topics.PRODUCT_EVENTS, ceType, value);
    }

    private static ProducerRecord<String, byte[]> record(String topic, String ceType, byte[] value) {
        return RawRecords.record(topic, "key", ceType, value);
    }

    private List<ConsumerRecord<String, byte[]>> receiveDeadLetters(int count) {
        return RawRecords.receive(broker, Topics.deadLetter(Topics.PRODUCT_EVENTS), count);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return RawRecords.header(record, name);
    }
}
