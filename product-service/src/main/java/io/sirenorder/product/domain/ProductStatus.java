package io.sirenorder.product.domain;

import java.util.Arrays;

/** Whether a product can be sold right now. */
public enum ProductStatus {
    Available,
    SoldOut;

    /** The status a clerk named, spelled exactly as shown to them. */
    public static ProductStatus named(String name) {
        return Arrays.stream(values())
                .filter(status -> status.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new InvalidProductException(
                        FieldError.of("status", "must be Available or SoldOut, not '" + name + "'")));
    }
}
