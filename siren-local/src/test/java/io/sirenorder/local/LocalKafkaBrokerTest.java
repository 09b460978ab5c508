package io.sirenorder.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.sirenorder.local.Service.KAFKA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The broker as {@code ./siren up} runs it: its own process, on a free port, storing under a home directory. */
class LocalKafkaBrokerTest {

    private static final String TOPIC = "siren.local-test";

    @TempDir
    Path home;

    private LocalSystem system;

    @AfterEach
    void stopBroker() {
        system.close();
    }

    @Test
    void keepsRecordsAndCommittedOffsetsAcrossARestart() throws Exception {
        system = LocalSystem.builder().homeDir(home).services(KAFKA).freePorts().build();
        system.startAll();

        send("product-1", "Americano 3500");
        assertThat(readAll("before-restart")).containsExactly("Americano 3500");

        system.stop(KAFKA);
        assertThat(system.isRunning(KAFKA)).isFalse();
        system.start(KAFKA);

        assertThat(readAll("after-restart")).containsExactly("Americano 3500");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", system.kafkaBootstrapServers()))) {
            var committed = admin.listConsumerGroupOffsets("before-restart").partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            assertThat(committed.values()).anySatisfy(offset -> assertThat(offset.offset()).isEqualTo(1));
        }
    }

    private void send(String key, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (var producer = new KafkaProducer<String, String>(config)) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Reads the topic from the start as a consumer group, which needs the single-node internal topic settings. */
    private List<String> readAll(String group) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(config)) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
                return !values.isEmpty();
            });
            consumer.commitSync();
        }
        return values;
    }
}
