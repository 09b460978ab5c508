package io.sirenorder.messaging.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The outbox for services that publish events ({@code siren.outbox.enabled=true}). With a meter registry (Actuator)
 * it publishes two timers, each with its median and 99th percentile: {@code siren.outbox.append}, the cost of the
 * outbox write in each change's transaction, and {@code siren.outbox.lag}, the time from a change's commit to its
 * record's acknowledgement by Kafka. With Micrometer Tracing, each event is stored with its change's trace and sent
 * on in that trace (see {@link OutboxTracing}).
 */
@AutoConfiguration(after = {JdbcClientAutoConfiguration.class, KafkaAutoConfiguration.class})
@ConditionalOnProperty(name = "siren.outbox.enabled", havingValue = "true")
@ConditionalOnBean(JdbcClient.class)
public class OutboxAutoConfiguration {

    @Bean
    OutboxRelay outboxRelay(DataSource dataSource, KafkaProperties properties,
            @Value("${spring.application.name}") String applicationName,
            @Value("${siren.outbox.idle-poll:1s}") Duration idlePoll, ObjectProvider<Clock> clock,
            ObjectProvider<MeterRegistry> meters, ObjectProvider<ObservationRegistry> observations,
            OutboxTracing tracing) {
        Map<String, Object> config = properties.buildProducerProperties();
        // acknowledged by the broker and never duplicated by the producer's own retries
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        // with the broker down, give up a send after a few seconds and let the relay retry it
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        var producerFactory = new DefaultKafkaProducerFactory<>(config, new StringSerializer(),
                new ByteArraySerializer());
        var kafka = new KafkaTemplate<>(producerFactory);
        // each send is a span, and puts the trace on the record (traceparent), as the services' own templates do
        observations.ifAvailable(registry -> {
            kafka.setObservationEnabled(true);
            kafka.setObservationRegistry(registry);
        });
        return new OutboxRelay(dataSource, kafka, "/sirenorder/" + applicationName,
                idlePoll, clock.getIfAvailable(Clock::systemUTC), timer("siren.outbox.lag",
                        "Time from a change's commit to the acknowledgement of its event by Kafka", meters), tracing);
    }

    @Bean
    OutboxTracing outboxTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new OutboxTracing(tracer.getIfAvailable(() -> Tracer.NOOP),
                propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    @Bean
    Outbox outbox(JdbcClient jdbc, OutboxRelay relay, ObjectProvider<Clock> clock,
            ObjectProvider<MeterRegistry> meters, OutboxTracing tracing) {
        return new Outbox(jdbc, relay, clock.getIfAvailable(Clock::systemUTC), timer("siren.outbox.append",
                "Time to store an event in the outbox, within the transaction of its change", meters), tracing);
    }

    /** Without a meter registry the timer records nowhere (an empty composite registry makes no-op meters). */
    private static Timer timer(String name, String description, ObjectProvider<MeterRegistry> meters) {
        return Timer.builder(name)
                .description(description)
                .publishPercentiles(0.5, 0.99)
                .percentilePrecision(2)
                .register(meters.getIfAvailable(CompositeMeterRegistry::new));
    }
}
