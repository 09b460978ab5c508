package io.sirenorder.messaging.consumer;

import io.sirenorder.events.EventJson;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a failed record to its dead-letter topic: the original bytes when it could not be read, the event's JSON
 * when it was read but could not be applied.
 */
class DeadLetterSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object value) {
        return value == null || value instanceof byte[] ? (byte[]) value : EventJson.write(value);
    }
}
