package io.sirenorder.notification.domain;

/**
 * What is told of one order, to its customer and to the clerks: its {@code status} as of {@code version}, which
 * counts the order's states (the placed order is version 1, each move adds one). A client keeps, per order, the
 * notification with the highest version it has had and ignores any other, so one told twice or late changes
 * nothing. {@code customerId} is null for an order without a customer.
 */
public sealed interface OrderNotification extends Notification permits OrderOutcome, OrderMoved {

    long orderId();

    String customerId();

    OrderStatus status();

    long version();
}
