package io.sirenorder.order.application;

public class MenuItemNotFoundException extends RuntimeException {

    public MenuItemNotFoundException(long productId) {
        super("Product " + productId + " is unknown to the menu.");
    }
}
