package io.sirenorder.notification.domain;

/**
 * Where an order stands: {@code Ordered} when placed, then {@code Preparing}, {@code Ready} and {@code PickedUp},
 * or {@code Cancelled} before it is ready.
 */
public enum OrderStatus {
    Ordered,
    Preparing,
    Ready,
    PickedUp,
    Cancelled
}
