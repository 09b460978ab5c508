package io.sirenorder.messaging.consumer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation.DefaultKafkaListenerObservationConvention;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Applies the events of one poll in one database transaction, for a batch listener: a commit costs far more than
 * the few rows an event changes, so a burst of events costs one commit. Each event is still applied as if alone:
 * when one cannot be read or applied, the events before it are committed without it and the listener container is
 * told which one failed ({@link BatchListenerFailedException}), so that its retries and its dead-lettering (see
 * {@link EventConsumerAutoConfiguration}) treat that event alone, exactly as for a listener of single records.
 * <p>
 * Each event's application is observed as Spring Kafka observes a listener of single records (which it does not do
 * for a batch): a span in the trace its record carries, so that one order's path is followed into a batch too.
 */
public final class TransactionalBatch {

    private static final LogAccessor log = new LogAccessor(TransactionalBatch.class);

    private final TransactionOperations transaction;
    private final ObservationRegistry observations;

    public TransactionalBatch(TransactionOperations transaction, ObservationRegistry observations) {
        this.transaction = transaction;
        this.observations = observations;
    }

    /**
     * Applies every record's event in order, in one transaction.
     *
     * @throws BatchListenerFailedException naming the first record that could not be read or applied; those before
     *         it are committed
     */
    public <E> void apply(List<ConsumerRecord<String, E>> records, Consumer<? super E> applyOne) {
        int[] next = {0};
        try {
            transaction.executeWithoutResult(status -> applyUpTo(records, records.size(), applyOne, next));
        } catch (RuntimeException e) {
            // the transaction rolled back: commit what came before the failing event on its own, then say which
            int failed = Math.min(next[0], records.size() - 1);
            try {
                transaction.executeWithoutResult(status -> applyUpTo(records, failed, applyOne, new int[1]));
            } catch (RuntimeException again) {
                throw new BatchListenerFailedException("events could not be applied", again, 0);
            }
            throw new BatchListenerFailedException("event at offset " + records.get(failed).offset()
                    + " of " + records.get(failed).topic() + " could not be applied", e, failed);
        }
    }

    private <E> void applyUpTo(List<ConsumerRecord<String, E>> records, int end, Consumer<? super E> applyOne,
            int[] next) {
        for (next[0] = 0; next[0] < end; next[0]++) {
            ConsumerRecord<String, E> record = records.get(next[0]);
            observed(record).observe(() -> applyOne.accept(eventOf(record)));
        }
    }

    /** Named by the consumer group, as the listener that gives the batch is one per group. */
    private Observation observed(ConsumerRecord<?, ?> record) {
        String group = Objects.requireNonNullElse(KafkaUtils.getConsumerGroupId(), "batch");
        return KafkaListenerObservation.LISTENER_OBSERVATION.observation(null,
                DefaultKafkaListenerObservationConvention.INSTANCE,
                () -> new KafkaRecordReceiverContext(record, group, null, group, () -> null), observations);
    }

    /** The record's event; throws the reason it could not be read, which the error handler does not retry. */
    private static <E> E eventOf(ConsumerRecord<String, E> record) {
        if (record.value() != null) {
            return record.value();
        }
        DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, log);
        throw unreadable != null ? unreadable : new IllegalArgumentException("the record has no event");
    }
}
