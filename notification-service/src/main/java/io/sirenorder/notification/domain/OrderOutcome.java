package io.sirenorder.notification.domain;

import java.time.Instant;

/** A customer's order was accepted: {@link OrderStatus#Ordered}, at version {@value #PLACED_VERSION}. */
public record OrderOutcome(long orderId, long productId, int quantity, int unitPrice, long totalPrice,
                           String customerId, Instant orderedAt, CheckedAgainst checkedAgainst, OrderStatus status,
                           long version) implements OrderNotification {

    /** The version of an order just placed, before any move. */
    public static final long PLACED_VERSION = 1;

    public OrderOutcome {
        if (status != OrderStatus.Ordered || version != PLACED_VERSION) {
            throw new IllegalArgumentException("a placed order is Ordered at version " + PLACED_VERSION);
        }
    }

    public OrderOutcome(long orderId, long productId, int quantity, int unitPrice, long totalPrice, String customerId,
            Instant orderedAt, CheckedAgainst checkedAgainst) {
        this(orderId, productId, quantity, unitPrice, totalPrice, customerId, orderedAt, checkedAgainst,
                OrderStatus.Ordered, PLACED_VERSION);
    }
}
