package io.sirenorder.order.domain;

import java.util.Objects;

/**
 * The order service's copy of a catalogue product, as of the catalogue's {@code version} of it. {@code name} is
 * optional.
 */
public record MenuItem(long productId, long version, String name, int price, ProductStatus status) {

    public MenuItem {
        if (productId <= 0 || version <= 0) {
            throw new IllegalArgumentException("productId and version must be positive");
        }
        if (price < 0) {
            throw new IllegalArgumentException("price must be >= 0");
        }
        Objects.requireNonNull(status, "status");
    }

    /** Customers may order it: it is available and has a price. */
    public boolean isOrderable() {
        return Obstacle.of(price, status).isEmpty();
    }

    public String displayName() {
        return name == null || name.isBlank() ? "Product #" + productId : name;
    }

    /**
     * Whether this copy should replace {@code current}: only a newer version does, so a redelivered or
     * out-of-order event never turns the menu back.
     */
    public boolean supersedes(MenuItem current) {
        return productId == current.productId && version > current.version;
    }
}
