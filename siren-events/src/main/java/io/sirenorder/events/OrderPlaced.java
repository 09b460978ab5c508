package io.sirenorder.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer's order was accepted at {@code unitPrice} (KRW) each. {@code customerId} is optional.
 * {@code checkedAgainst} says whether the price and status came from the catalogue or, degraded, from the order
 * service's menu replica; a payload without it (written before it existed) reads as {@link CheckedAgainst#Catalogue}.
 */
public record OrderPlaced(long orderId, long productId, int quantity, int unitPrice, String customerId,
                          Instant orderedAt, CheckedAgainst checkedAgainst) implements OrderEvent {

    public OrderPlaced {
        EventInvariants.positive(orderId, "orderId");
        EventInvariants.positive(productId, "productId");
        EventInvariants.positive(quantity, "quantity");
        EventInvariants.positive(unitPrice, "unitPrice");
        Objects.requireNonNull(orderedAt, "orderedAt");
        if (checkedAgainst == null) {
            checkedAgainst = CheckedAgainst.Catalogue;
        }
    }

    /** An order checked against the catalogue, the normal case. */
    public OrderPlaced(long orderId, long productId, int quantity, int unitPrice, String customerId,
            Instant orderedAt) {
        this(orderId, productId, quantity, unitPrice, customerId, orderedAt, CheckedAgainst.Catalogue);
    }

    public long totalPrice() {
        return (long) unitPrice * quantity;
    }
}
