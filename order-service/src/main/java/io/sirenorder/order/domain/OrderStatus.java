package io.sirenorder.order.domain;

/** Where an order stands. An accepted order starts as {@code Ordered}; later stages will add to this. */
public enum OrderStatus {
    Ordered
}
