package io.sirenorder.order.domain;

import java.util.List;

/**
 * A move the order's status does not allow, to its caller: it names where the order is (at which version) and where
 * it may go.
 */
public class IllegalMoveException extends RuntimeException {

    private final OrderStatus current;
    private final long version;
    private final List<OrderStatus> allowed;

    IllegalMoveException(long orderId, OrderStatus current, long version, OrderStatus wanted,
            List<OrderStatus> allowed, String whyNot) {
        super("Order " + orderId + " is " + current + ", so it cannot move to " + wanted + ": " + whyNot + ".");
        this.current = current;
        this.version = version;
        this.allowed = List.copyOf(allowed);
    }

    public OrderStatus current() {
        return current;
    }

    /** The order's version in its {@link #current()} status. */
    public long version() {
        return version;
    }

    /** Where the order may go now, for the caller who asked. */
    public List<OrderStatus> allowed() {
        return allowed;
    }
}
