package io.sirenorder.events;

import java.util.Objects;

/**
 * A clerk changed a product's price, status or name. {@code previousStatus} lets a consumer tell a status change
 * (which customers are told about) from a price or name change without keeping history of its own.
 */
public record ProductUpdated(ProductState product, ProductStatus previousStatus) implements ProductEvent {

    public ProductUpdated {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(previousStatus, "previousStatus");
    }

    public boolean statusChanged() {
        return product.status() != previousStatus;
    }
}
