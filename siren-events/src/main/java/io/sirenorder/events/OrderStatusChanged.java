package io.sirenorder.events;

import java.time.Instant;
import java.util.Objects;

/**
 * An order moved from {@code from} to {@code to} at {@code at}. {@code version} counts the order's states: the
 * placed order is version 1 and each move adds one, so a consumer applies a move only when it is newer than what it
 * holds, and a move delivered twice or late changes nothing. {@code customerId} is the order's customer, when it has
 * one.
 */
public record OrderStatusChanged(long orderId, String customerId, OrderStatus from, OrderStatus to, Instant at,
                                 long version) implements OrderEvent {

    /** The version of an order just placed, before any move. */
    public static final long PLACED_VERSION = 1;

    public OrderStatusChanged {
        EventInvariants.positive(orderId, "orderId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        if (version <= PLACED_VERSION) {
            throw new IllegalArgumentException("version must follow the placed order's " + PLACED_VERSION);
        }
    }
}
