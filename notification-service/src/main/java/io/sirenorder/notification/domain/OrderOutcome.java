package io.sirenorder.notification.domain;

import java.time.Instant;

/** A customer's order was accepted; told to that customer only. */
public record OrderOutcome(long orderId, long productId, int quantity, int unitPrice, long totalPrice,
                           String customerId, Instant orderedAt, CheckedAgainst checkedAgainst)
        implements Notification {
}
