package io.sirenorder.notification;

import io.sirenorder.events.CloudEventHeaders;
import io.sirenorder.events.EventJson;
import io.sirenorder.events.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/** Publishes events to the embedded broker as the product and order services' outboxes do. */
class Outboxes implements AutoCloseable {

    private final Producer<String, byte[]> producer;

    Outboxes(EmbeddedKafkaBroker broker) {
        producer = new KafkaProducer<>(KafkaTestUtils.producerProps(broker), new StringSerializer(),
                new ByteArraySerializer());
    }

    /** Each event as a record of its own, in the order given, each acknowledged before the next is sent. */
    void publish(Object... events) throws Exception {
        for (Object event : events) {
            EventType type = EventType.of(event);
            write(type.topic(), EventType.aggregateId(event), type.ceType(), EventJson.write(event));
        }
    }

    /** A record of the given type holding whatever {@code value} is, such as a payload no reader can make sense of. */
    void write(String topic, String key, String ceType, byte[] value) throws Exception {
        var record = new ProducerRecord<>(topic, key, value);
        Map.of(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0,
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, ceType,
                CloudEventHeaders.SOURCE, "/sirenorder/notification-test",
                CloudEventHeaders.SUBJECT, key,
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON)
                .forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
        producer.send(record).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        producer.close();
    }
}
