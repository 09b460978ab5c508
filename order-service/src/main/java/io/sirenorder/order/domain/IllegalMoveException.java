package io.sirenorder.order.domain;

import java.util.List;

/** A move the order's status does not allow, to its caller: it names where the order is and where it may go. */
public class IllegalMoveException extends RuntimeException {

    private final OrderStatus current;
    private final List<OrderStatus> allowed;

    IllegalMoveException(long orderId, OrderStatus current, OrderStatus wanted, List<OrderStatus> allowed,
            String whyNot) {
        super("Order " + orderId + " is " + current + ", so it cannot move to " + wanted + ": " + whyNot + ".");
        this.current = current;
        this.allowed = List.copyOf(allowed);
    }

    public OrderStatus current() {
        return current;
    }

    /** Where the order may go now, for the caller who asked. */
    public List<OrderStatus> allowed() {
        return allowed;
    }
}
