package io.sirenorder.notification.domain;

/** Whether the shop sells a product now. */
public enum ProductStatus {
    Available,
    SoldOut
}
