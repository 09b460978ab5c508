package io.sirenorder.product.web;

import io.sirenorder.product.domain.Product;
import io.sirenorder.product.domain.ProductStatus;

/** The authoritative answer the order service asks for before it accepts an order: small, so it is quick. */
record Availability(long productId, int price, ProductStatus status, boolean orderable, long version) {

    static Availability of(Product product) {
        return new Availability(product.id(), product.price(), product.status(), product.isOrderable(),
                product.version());
    }
}
