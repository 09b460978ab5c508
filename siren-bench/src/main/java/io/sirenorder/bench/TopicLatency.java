package io.sirenorder.bench;

import io.sirenorder.events.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A consumer of its own on a topic, as a service downstream would be, timing each record from its event's commit
 * (the {@code ce_time} header, taken just before the commit) to its arrival here. Only events committed since
 * {@link #measureFrom} count, so that the warm-up stays out of the figures.
 */
final class TopicLatency implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final Histogram latencies = new Histogram(3);
    private final AtomicInteger counted = new AtomicInteger();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final Future<?> polling;
    private volatile Instant from = Instant.MAX;
    private volatile boolean running = true;

    /** Starts following {@code topic} from its end; the topic must exist. */
    TopicLatency(String bootstrapServers, String topic) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.polling = executor.submit(this::poll);
    }

    /** Counts the events committed from {@code start} on. */
    void measureFrom(Instant start) {
        from = start;
    }

    /**
     * Waits until {@code count} events committed since {@link #measureFrom} have arrived, then stops following the
     * topic; returns their latencies in microseconds. Throws when they do not all arrive within {@code timeout}.
     */
    Histogram await(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (counted.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(POLL);
        }
        stop();
        if (counted.get() < count) {
            throw new IllegalStateException("only " + counted.get() + " of " + count + " events reached " + topic
                    + " within " + timeout.toSeconds() + " s");
        }
        return latencies;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** Ends the polling thread and rethrows what ended it early, if anything did. */
    private void stop() throws InterruptedException {
        running = false;
        try {
            polling.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the consumer of " + topic + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the consumer of " + topic + " did not stop", e);
        } finally {
            executor.shutdownNow();
        }
    }

    private void poll() {
        try (consumer) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("the topic " + topic + " does not exist");
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            while (running) {
                var records = consumer.poll(POLL);
                Instant arrived = Instant.now();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    Instant committed = Instant.parse(new String(
                            record.headers().lastHeader(CloudEventHeaders.TIME).value(), StandardCharsets.UTF_8));
                    if (!committed.isBefore(from)) {
                        latencies.recordValue(Duration.between(committed, arrived).toNanos() / 1_000);
                        counted.incrementAndGet();
                    }
                }
            }
        }
    }
}
