package io.sirenorder.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sirenorder.events.CloudEventHeaders;
import io.sirenorder.events.EventJson;
import io.sirenorder.events.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka clients on the system's broker, beside the services: they write records straight into the topics
 * (as the outbox writes them, or as nobody should), and read what the services wrote and how far they consumed.
 */
final class PlainKafka implements AutoCloseable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final String bootstrapServers;
    private final Producer<String, byte[]> producer;
    private final Admin admin;

    PlainKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** The record the outbox writes for {@code event}, with {@code ceId} as its CloudEvents id. */
    static ProducerRecord<String, byte[]> asPublished(Object event, String ceId) {
        EventType type = EventType.of(event);
        return record(type.topic(), EventType.aggregateId(event), type.ceType(), EventJson.write(event), ceId);
    }

    /** A record with the outbox's key and CloudEvents headers, but whatever type and value it is given. */
    static ProducerRecord<String, byte[]> record(String topic, String key, String ceType, byte[] value, String ceId) {
        var headers = new RecordHeaders()
                .add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_1_0))
                .add(CloudEventHeaders.ID, bytes(ceId))
                .add(CloudEventHeaders.TYPE, bytes(ceType))
                .add(CloudEventHeaders.SOURCE, bytes("/sirenorder/system-tests"))
                .add(CloudEventHeaders.SUBJECT, bytes(key))
                .add(CloudEventHeaders.TIME, bytes(Instant.now().toString()))
                .add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
        return new ProducerRecord<>(topic, null, key, value, headers);
    }

    /** Writes the records in this order; returns where each landed, once the broker has acknowledged all. */
    List<RecordMetadata> write(List<ProducerRecord<String, byte[]>> records) {
        List<Future<RecordMetadata>> sent = records.stream().map(producer::send).toList();
        return sent.stream().map(PlainKafka::acknowledged).toList();
    }

    /** Waits until consumer group {@code group} has committed its offsets past all of {@code records}. */
    void awaitConsumed(String group, List<RecordMetadata> records, Duration atMost) {
        await().atMost(atMost).untilAsserted(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(records)
                    .as("records that consumer group '%s' has not consumed yet; it committed %s", group, committed)
                    .filteredOn(record -> {
                        OffsetAndMetadata next = committed.get(new TopicPartition(record.topic(), record.partition()));
                        return next == null || next.offset() <= record.offset();
                    })
                    .isEmpty();
        });
    }

    /** Every record on {@code topic} so far, from the beginning, read without joining any consumer group. */
    List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, REQUEST_TIMEOUT).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, REQUEST_TIMEOUT);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(REQUEST_TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
            return records;
        }
    }

    /** The header's value as text, or null when the record has no such header. */
    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }

    private static RecordMetadata acknowledged(Future<RecordMetadata> send) {
        try {
            return send.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while writing to Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the broker did not acknowledge a record within " + REQUEST_TIMEOUT, e);
        }
    }
}
