package io.sirenorder.events;

import java.util.Arrays;
import java.util.Optional;

/** The CloudEvents {@code type} of every published event, and the record it is read into. */
public enum EventType {
    PRODUCT_REGISTERED("io.sirenorder.product.registered", ProductRegistered.class),
    PRODUCT_UPDATED("io.sirenorder.product.updated", ProductUpdated.class),
    ORDER_PLACED("io.sirenorder.order.placed", OrderPlaced.class);

    private final String ceType;
    private final Class<?> recordType;

    EventType(String ceType, Class<?> recordType) {
        this.ceType = ceType;
        this.recordType = recordType;
    }

    public String ceType() {
        return ceType;
    }

    public Class<?> recordType() {
        return recordType;
    }

    public static EventType of(Object event) {
        return Arrays.stream(values())
                .filter(type -> type.recordType == event.getClass())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a published event: " + event.getClass()));
    }

    public static Optional<EventType> fromCeType(String ceType) {
        return Arrays.stream(values()).filter(type -> type.ceType.equals(ceType)).findFirst();
    }
}
