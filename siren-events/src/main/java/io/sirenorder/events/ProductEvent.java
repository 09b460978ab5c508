package io.sirenorder.events;

/** Everything the product service publishes on {@link Topics#PRODUCT_EVENTS}, keyed by product id. */
public sealed interface ProductEvent permits ProductRegistered, ProductUpdated {

    ProductState product();
}
