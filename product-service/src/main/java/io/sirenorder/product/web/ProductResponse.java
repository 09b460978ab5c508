package io.sirenorder.product.web;

import io.sirenorder.product.domain.Product;
import io.sirenorder.product.domain.ProductStatus;
import java.time.Instant;

record ProductResponse(long id, String name, int price, ProductStatus status, boolean orderable, long version,
                       Instant registeredAt, Instant statusChangedAt) {

    static ProductResponse of(Product product) {
        return new ProductResponse(product.id(), product.name(), product.price(), product.status(),
                product.isOrderable(), product.version(), product.registeredAt(), product.statusChangedAt());
    }
}
