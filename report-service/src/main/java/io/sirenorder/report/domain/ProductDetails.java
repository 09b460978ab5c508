package io.sirenorder.report.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A product as the catalogue last described it: {@code name} is optional, {@code price} in KRW. The catalogue
 * raises {@code version} by one with every change, which is how a newer description is told from a stale or
 * repeated one.
 */
public record ProductDetails(long version, String name, int price, String status, Instant statusChangedAt) {

    public ProductDetails {
        if (version <= 0) {
            throw new IllegalArgumentException("version must be positive");
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusChangedAt, "statusChangedAt");
    }

    boolean isNewerThan(ProductDetails other) {
        return version > other.version;
    }
}
