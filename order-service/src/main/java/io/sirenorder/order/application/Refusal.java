package io.sirenorder.order.application;

/**
 * Why an order was refused, in a few words that stay the same whatever the order: each is one answer of
 * {@link OrderService#place}, and none names the product or the customer.
 */
public enum Refusal {
    /** The request breaks the ordering rules (400). */
    INVALID("invalid"),
    /** The catalogue does not know the product (404). */
    UNKNOWN_PRODUCT("unknown-product"),
    /** The product is sold out or has no price (409). */
    PRODUCT_NOT_ORDERABLE("product-not-orderable"),
    /** The catalogue could not answer in time and the menu could not stand in for it (503). */
    CATALOGUE_UNAVAILABLE("catalogue-unavailable");

    private final String label;

    Refusal(String label) {
        this.label = label;
    }

    /** The reason as a metric's tag shows it. */
    public String label() {
        return label;
    }
}
