package io.sirenorder.notification.domain;

import io.sirenorder.events.ProductEvent;
import io.sirenorder.events.ProductStatus;
import io.sirenorder.events.ProductUpdated;

/**
 * A product's new state, for everyone's live menu. {@code previousStatus} is null for a product just registered,
 * which counts as a status change: it has just become Available or SoldOut.
 */
public record ProductChanged(long productId, String name, int price, ProductStatus status,
                             ProductStatus previousStatus, long version, boolean statusChanged)
        implements Notification {

    public static ProductChanged of(ProductEvent event) {
        var product = event.product();
        ProductStatus previous = event instanceof ProductUpdated updated ? updated.previousStatus() : null;
        return new ProductChanged(product.productId(), product.name(), product.price(), product.status(), previous,
                product.version(), product.status() != previous);
    }
}
