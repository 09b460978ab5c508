package io.sirenorder.notification.domain;

/**
 * A product's new state, for everyone's live menu. {@code previousStatus} is null for a product just registered,
 * which counts as a status change: it has just become Available or SoldOut.
 */
public record ProductChanged(long productId, String name, int price, ProductStatus status,
                             ProductStatus previousStatus, long version, boolean statusChanged)
        implements Notification {

    /** A product registered ({@code previousStatus} null) or changed: a status change when the status differs. */
    public static ProductChanged of(long productId, String name, int price, ProductStatus status,
            ProductStatus previousStatus, long version) {
        return new ProductChanged(productId, name, price, status, previousStatus, version, status != previousStatus);
    }
}
