package io.sirenorder.events;

/**
 * Where an order stands in its life, as it travels between services: {@code Ordered} when placed, then
 * {@code Preparing}, {@code Ready} and {@code PickedUp}, or {@code Cancelled} before it is ready.
 */
public enum OrderStatus {
    Ordered,
    Preparing,
    Ready,
    PickedUp,
    Cancelled
}
