package io.sirenorder.messaging.consumer;

import io.sirenorder.events.CloudEventHeaders;
import io.sirenorder.events.EventJson;
import io.sirenorder.events.EventType;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.core.JacksonException;

/**
 * Reads a record into its event record by the CloudEvents {@code ce_type} header. Anything it cannot read is a
 * poison record: the exception says why, and the error handler sends the record to the dead-letter topic.
 */
public class SirenEventDeserializer implements Deserializer<Object> {

    @Override
    public Object deserialize(String topic, byte[] data) {
        throw new SerializationException("an event needs its " + CloudEventHeaders.TYPE + " header");
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        Header typeHeader = headers.lastHeader(CloudEventHeaders.TYPE);
        if (typeHeader == null) {
            throw new SerializationException("record has no " + CloudEventHeaders.TYPE + " header");
        }
        String ceType = new String(typeHeader.value(), StandardCharsets.UTF_8);
        EventType type = EventType.fromCeType(ceType)
                .orElseThrow(() -> new SerializationException("unknown event type '" + ceType + "'"));
        if (data == null) {
            throw new SerializationException("record of type '" + ceType + "' has no value");
        }
        try {
            return EventJson.read(type, data);
        } catch (JacksonException e) {
            throw new SerializationException("unreadable '" + ceType + "': " + e.getMessage(), e);
        }
    }
}
