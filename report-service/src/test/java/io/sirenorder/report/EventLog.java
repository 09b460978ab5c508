package io.sirenorder.report;

import io.sirenorder.events.CloudEventHeaders;
import io.sirenorder.events.EventJson;
import io.sirenorder.events.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/** Writes records to the embedded broker's topics the way the product and order services' outboxes do. */
class EventLog implements AutoCloseable {

    private final Producer<String, byte[]> producer;

    EventLog(EmbeddedKafkaBroker broker) {
        producer = new KafkaProducer<>(KafkaTestUtils.producerProps(broker), new StringSerializer(),
                new ByteArraySerializer());
    }

    /** Publishes each event as its own record, in the order given. */
    void publish(Object... events) throws Exception {
        for (Object event : events) {
            write(recordOf(event));
        }
    }

    /** The record an outbox writes for {@code event}, with a fresh CloudEvents id. */
    static ProducerRecord<String, byte[]> recordOf(Object event) {
        EventType type = EventType.of(event);
        return record(type.topic(), EventType.aggregateId(event), type.ceType(), EventJson.write(event));
    }

    /** A record of the given type holding whatever {@code value} is, such as a payload no reader can make sense of. */
    static ProducerRecord<String, byte[]> record(String topic, String key, String ceType, byte[] value) {
        var record = new ProducerRecord<>(topic, key, value);
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(record, CloudEventHeaders.ID, UUID.randomUUID().toString());
        header(record, CloudEventHeaders.TYPE, ceType);
        header(record, CloudEventHeaders.SOURCE, "/sirenorder/report-test");
        header(record, CloudEventHeaders.SUBJECT, key);
        header(record, CloudEventHeaders.TIME, Instant.now().toString());
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return record;
    }

    /** Writes the records in the order given, each acknowledged by the broker before the next is sent. */
    @SafeVarargs
    final void write(ProducerRecord<String, byte[]>... records) throws Exception {
        for (ProducerRecord<String, byte[]> record : records) {
            producer.send(record).get(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        producer.close();
    }

    private static void header(ProducerRecord<?, ?> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
