package io.sirenorder.order.domain;

/** A customer asking to move an order along: that is the shop's to do; a customer may only cancel. */
public class MoveNotPermittedException extends RuntimeException {

    public MoveNotPermittedException(OrderStatus wanted) {
        super("Only a clerk may move an order to " + wanted + "; a customer may cancel their order while it is "
                + OrderStatus.Ordered + ".");
    }
}
