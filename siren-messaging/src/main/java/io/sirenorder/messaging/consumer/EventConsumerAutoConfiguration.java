package io.sirenorder.messaging.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sirenorder.events.CloudEventHeaders;
import io.sirenorder.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * How every SirenOrder service consumes events: values are read into the event records and a new consumer group
 * starts from the beginning of the log. A record that cannot be read goes at once, one that cannot be applied after
 * two retries, to {@code <topic>.dlt} with the reason in the header {@value #REASON_HEADER}, so it never blocks the
 * records behind it. While the service's database is down a record is retried until it is back, never dropped.
 * Each dead-lettered record is counted in the metric {@value #DEAD_LETTERED_METRIC}, tagged with its topic and the
 * class of the failure, when the service has a {@link MeterRegistry}.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
public class EventConsumerAutoConfiguration {

    /** Why a record was dead-lettered, in words: the cause, not the framework's wrapper around it. */
    public static final String REASON_HEADER = "siren_dlt_reason";

    /** How many records went to a dead-letter topic; tagged {@code topic} (the original one) and {@code exception}. */
    public static final String DEAD_LETTERED_METRIC = "siren.events.dead.lettered";

    /** From an event's commit at its producer until this service applied it; tagged {@code topic}. */
    public static final String LAG_METRIC = "siren.events.lag";

    private static final BackOff UNTIL_IT_IS_BACK = untilItIsBack();

    @Bean
    DefaultKafkaConsumerFactoryCustomizer sirenEventConsumerFactory() {
        return factory -> {
            Map<String, Object> configured = factory.getConfigurationProperties();
            if (!configured.containsKey(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)) {
                factory.updateConfigs(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
            }
            if (!configured.containsKey(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)) {
                // a consumer that crashed gives its partitions back after 10 s, not the default 45 s
                factory.updateConfigs(Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000));
            }
            factory.updateConfigs(Map.of(
                    // topics are declared with their partition count by the services, never made up by a consumer
                    ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class,
                    ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, SirenEventDeserializer.class));
        };
    }

    /**
     * Times each applied event from its commit at the producer ({@code ce_time}, written in the same transaction) to
     * the moment this service's listener has applied it, as {@value #LAG_METRIC} tagged with the topic: how far
     * behind the catalogue a replica or a push runs.
     */
    @Bean
    @ConditionalOnMissingBean(RecordInterceptor.class)
    RecordInterceptor<Object, Object> eventLagTimer(ObjectProvider<MeterRegistry> meterRegistry) {
        return new RecordInterceptor<>() {
            @Override
            public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
                    Consumer<Object, Object> consumer) {
                return record;
            }

            @Override
            public void success(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
                recordLag(record, meterRegistry.getIfAvailable());
            }
        };
    }

    /** The same timer for batch listeners, once the whole batch has been applied (see {@link TransactionalBatch}). */
    @Bean
    @ConditionalOnMissingBean(BatchInterceptor.class)
    BatchInterceptor<Object, Object> eventLagTimerForBatches(ObjectProvider<MeterRegistry> meterRegistry) {
        return new BatchInterceptor<>() {
            @Override
            public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
                    Consumer<Object, Object> consumer) {
                return records;
            }

            @Override
            public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
                MeterRegistry registry = meterRegistry.getIfAvailable();
                records.forEach(record -> recordLag(record, registry));
            }
        };
    }

    private static void recordLag(ConsumerRecord<?, ?> record, MeterRegistry registry) {
        Header time = record.headers().lastHeader(CloudEventHeaders.TIME);
        if (time == null || registry == null) {
            return;
        }
        Instant committed = Instant.parse(new String(time.value(), StandardCharsets.UTF_8));
        Timer.builder(LAG_METRIC)
                .description("From an event's commit at its producer until this service applied it")
                .tag("topic", record.topic())
                .publishPercentiles(0.5, 0.99)
                .percentilePrecision(2)
                .register(registry)
                .record(Duration.between(committed, Instant.now()));
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler deadLetteringErrorHandler(KafkaProperties properties,
            @Value("${siren.messaging.retry-interval:200ms}") Duration retryInterval,
            ObjectProvider<MeterRegistry> meterRegistry) {
        KafkaTemplate<String, Object> deadLetters = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                properties.buildProducerProperties(), new StringSerializer(), new DeadLetterSerializer()));
        var recoverer = new DeadLetterPublishingRecoverer(deadLetters,
                (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        recoverer.addHeadersFunction((record, exception) -> new RecordHeaders().add(REASON_HEADER,
                reason(exception).getBytes(StandardCharsets.UTF_8)));
        MeterRegistry registry = meterRegistry.getIfAvailable();
        var handler = new DefaultErrorHandler(registry == null ? recoverer : countedIn(registry, recoverer),
                new FixedBackOff(retryInterval.toMillis(), 2));
        handler.setBackOffFunction((record, exception) -> isInfrastructureOutage(exception) ? UNTIL_IT_IS_BACK : null);
        return handler;
    }

    /**
     * A database that is down says nothing about the record: retrying until it is back keeps the event, where
     * dead-lettering it would silently drop a valid change from the replica.
     */
    private static BackOff untilItIsBack() {
        var backOff = new ExponentialBackOff(200, 2);
        backOff.setMaxInterval(5_000);
        return backOff;
    }

    private static boolean isInfrastructureOutage(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException) {
                return true;
            }
        }
        return false;
    }

    /** Counts a record once the dead-letter topic has acknowledged it, so a failed publication is not counted. */
    private static ConsumerAwareRecordRecoverer countedIn(MeterRegistry registry,
            ConsumerAwareRecordRecoverer recoverer) {
        return (record, consumer, exception) -> {
            recoverer.accept(record, consumer, exception);
            Counter.builder(DEAD_LETTERED_METRIC)
                    .description("Records sent to a dead-letter topic because they could not be read or applied")
                    .tag("topic", record.topic())
                    .tag("exception", failure(exception).getClass().getSimpleName())
                    .register(registry)
                    .increment();
        };
    }

    private static String reason(Throwable exception) {
        Throwable cause = failure(exception);
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
    }

    /** What went wrong, not the framework's wrapper around it. */
    private static Throwable failure(Throwable exception) {
        Throwable cause = exception;
        while (cause.getClass().getPackageName().startsWith("org.springframework.kafka")
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
