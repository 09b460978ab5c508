package io.sirenorder.notification.domain;

import io.sirenorder.events.CheckedAgainst;
import io.sirenorder.events.OrderPlaced;
import java.time.Instant;

/** A customer's order was accepted; told to that customer only. */
public record OrderOutcome(long orderId, long productId, int quantity, int unitPrice, long totalPrice,
                           String customerId, Instant orderedAt, CheckedAgainst checkedAgainst)
        implements Notification {

    public static OrderOutcome of(OrderPlaced placed) {
        return new OrderOutcome(placed.orderId(), placed.productId(), placed.quantity(), placed.unitPrice(),
                placed.totalPrice(), placed.customerId(), placed.orderedAt(), placed.checkedAgainst());
    }
}
