package io.sirenorder.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every published event: its CloudEvents {@code type}, the record it is read into, and the topic it travels on.
 */
public enum EventType {
    PRODUCT_REGISTERED("io.sirenorder.product.registered", ProductRegistered.class, Topics.PRODUCT_EVENTS),
    PRODUCT_UPDATED("io.sirenorder.product.updated", ProductUpdated.class, Topics.PRODUCT_EVENTS),
    ORDER_PLACED("io.sirenorder.order.placed", OrderPlaced.class, Topics.ORDER_EVENTS),
    ORDER_STATUS_CHANGED("io.sirenorder.order.status-changed", OrderStatusChanged.class, Topics.ORDER_EVENTS);

    private final String ceType;
    private final Class<?> recordType;
    private final String topic;

    EventType(String ceType, Class<?> recordType, String topic) {
        this.ceType = ceType;
        this.recordType = recordType;
        this.topic = topic;
    }

    public String ceType() {
        return ceType;
    }

    public Class<?> recordType() {
        return recordType;
    }

    public String topic() {
        return topic;
    }

    /** The record key and CloudEvents {@code subject}: the id of the aggregate the event belongs to. */
    public static String aggregateId(Object event) {
        return switch (event) {
            case ProductEvent productEvent -> Long.toString(productEvent.product().productId());
            case OrderEvent orderEvent -> Long.toString(orderEvent.orderId());
            default -> throw new IllegalArgumentException("not a published event: " + event.getClass());
        };
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
