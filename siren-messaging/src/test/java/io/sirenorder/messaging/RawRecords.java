package io.sirenorder.messaging;

import static org.awaitility.Awaitility.await;

import io.sirenorder.events.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/** Records as bytes, whatever they hold, written to and read from the embedded broker: good events and poison. */
final class RawRecords {

    private RawRecords() {
    }

    static ProducerRecord<String, byte[]> record(String topic, String key, String ceType, byte[] value) {
        var record = new ProducerRecord<String, byte[]>(topic, key, value);
        record.headers().add(CloudEventHeaders.TYPE, ceType.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    @SafeVarargs
    static void send(EmbeddedKafkaBroker broker, ProducerRecord<String, byte[]>... records) {
        try (Producer<String, byte[]> producer = new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new ByteArraySerializer())
                .createProducer()) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record);
            }
        }
    }

    /** At least {@code count} records of {@code topic}, from its beginning, waiting up to ten seconds for them. */
    static List<ConsumerRecord<String, byte[]>> receive(EmbeddedKafkaBroker broker, String topic, int count) {
        Map<String, Object> config = KafkaTestUtils.consumerProps(broker, "raw-reader", false);
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(config,
                new StringDeserializer(), new ByteArrayDeserializer()).createConsumer()) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(received::add);
                return received.size() >= count;
            });
            return received;
        }
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
