package io.sirenorder.events;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of the events. Readers are tolerant of fields they do not know (a newer producer may add some),
 * and strict about the ones they need: the records' own checks reject a payload that lacks them.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private EventJson() {
    }

    public static byte[] write(Object event) {
        EventType.of(event);
        return MAPPER.writeValueAsBytes(event);
    }

    /** @throws JacksonException when the payload is not a valid event of that type */
    public static Object read(EventType type, byte[] json) {
        return MAPPER.readValue(json, type.recordType());
    }
}
