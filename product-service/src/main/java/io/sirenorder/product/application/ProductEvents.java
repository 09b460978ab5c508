package io.sirenorder.product.application;

import io.sirenorder.product.domain.Product;
import io.sirenorder.product.domain.ProductStatus;

/** Tells the other services about catalogue changes; called in the transaction that makes the change. */
public interface ProductEvents {

    void registered(Product product);

    void updated(Product product, ProductStatus previousStatus);
}
