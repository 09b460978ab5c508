package io.sirenorder.events;

import java.util.Objects;

/** A clerk put a new product on the catalogue. */
public record ProductRegistered(ProductState product) implements ProductEvent {

    public ProductRegistered {
        Objects.requireNonNull(product, "product");
    }
}
