package io.sirenorder.events;

import java.time.Instant;
import java.util.Objects;

/**
 * The full state of a product after a change. {@code version} starts at 1 and grows by one with every change,
 * so a consumer can drop anything not newer than what it holds.
 */
public record ProductState(long productId, long version, String name, int price, ProductStatus status,
                           Instant statusChangedAt) {

    public ProductState {
        EventInvariants.positive(productId, "productId");
        EventInvariants.positive(version, "version");
        if (price < 0) {
            throw new IllegalArgumentException("price must be >= 0");
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusChangedAt, "statusChangedAt");
    }
}
