package io.sirenorder.notification.domain;

import java.time.Instant;

/** An order moved from {@code previousStatus} to {@code status} at {@code changedAt}, becoming {@code version}. */
public record OrderMoved(long orderId, String customerId, OrderStatus previousStatus, OrderStatus status,
                         Instant changedAt, long version) implements OrderNotification {

    public OrderMoved {
        if (version <= OrderOutcome.PLACED_VERSION) {
            throw new IllegalArgumentException("a move's version follows the placed order's "
                    + OrderOutcome.PLACED_VERSION);
        }
    }
}
