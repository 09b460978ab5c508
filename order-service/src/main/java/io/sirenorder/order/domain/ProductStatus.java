package io.sirenorder.order.domain;

/** Whether the shop sells a product now, as the catalogue says. */
public enum ProductStatus {
    Available,
    SoldOut
}
