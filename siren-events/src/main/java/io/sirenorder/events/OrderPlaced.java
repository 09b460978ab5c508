package io.sirenorder.events;

import java.time.Instant;
import java.util.Objects;

/** A customer's order was accepted at {@code unitPrice} (KRW) each. {@code customerId} is optional. */
public record OrderPlaced(long orderId, long productId, int quantity, int unitPrice, String customerId,
                          Instant orderedAt) implements OrderEvent {

    public OrderPlaced {
        EventInvariants.positive(orderId, "orderId");
        EventInvariants.positive(productId, "productId");
        EventInvariants.positive(quantity, "quantity");
        EventInvariants.positive(unitPrice, "unitPrice");
        Objects.requireNonNull(orderedAt, "orderedAt");
    }

    public long totalPrice() {
        return (long) unitPrice * quantity;
    }
}
