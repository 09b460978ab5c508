package io.sirenorder.order.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An accepted order: {@code quantity} of one product at the unit price the catalogue quoted when it was placed.
 * {@code id} is {@code null} until the order is stored; {@code customerId} is optional. {@code checkedAgainst} says
 * where that price and status came from: the catalogue, or, degraded, the menu replica's last known copy.
 */
public record Order(Long id, long productId, int quantity, int unitPrice, String customerId, OrderStatus status,
                    Instant orderedAt, CheckedAgainst checkedAgainst) {

    /** Only a valid {@link OrderRequest} becomes an order: the rules are checked there, once. */
    public Order {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(orderedAt, "orderedAt");
        Objects.requireNonNull(checkedAgainst, "checkedAgainst");
    }

    public long totalPrice() {
        return (long) unitPrice * quantity;
    }

    public Order withId(long newId) {
        return new Order(newId, productId, quantity, unitPrice, customerId, status, orderedAt, checkedAgainst);
    }
}
