package io.sirenorder.events;

/** Everything the order service publishes on {@link Topics#ORDER_EVENTS}, keyed by order id. */
public sealed interface OrderEvent permits OrderPlaced, OrderStatusChanged {

    long orderId();
}
