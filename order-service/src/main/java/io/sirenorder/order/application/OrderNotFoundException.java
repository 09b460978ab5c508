package io.sirenorder.order.application;

public class OrderNotFoundException extends RuntimeException {

    public OrderNotFoundException(long orderId) {
        super("Order " + orderId + " does not exist.");
    }
}
