package io.sirenorder.events;

/** A product's sales status as it travels between services. */
public enum ProductStatus {
    Available,
    SoldOut
}
