package io.sirenorder.report.domain;

import java.util.Optional;

/**
 * What the clerks read about one product: the catalogue's latest description of it and what has been sold of it
 * ({@code revenue} in KRW). {@code ordersPlaced}, {@code itemsSold} and {@code revenue} count the orders not
 * cancelled; {@code ordersCancelled} counts the cancelled ones beside them.
 * <p>
 * Orders and product changes travel on separate streams, in no particular order relative to each other, so a
 * report may count orders before it knows its product: {@code details} is then null, and the first description
 * to arrive fills it in without touching the counts.
 */
public record ProductReport(long productId, ProductDetails details, long ordersPlaced, long itemsSold,
                            long revenue, long ordersCancelled) {

    /** The report of a product nothing has been heard of yet. */
    public static ProductReport unseen(long productId) {
        return new ProductReport(productId, null, 0, 0, 0, 0);
    }

    /** This report with {@code newer} as the product's description; empty when it is not newer than the one held. */
    public Optional<ProductReport> describedBy(ProductDetails newer) {
        if (details != null && !newer.isNewerThan(details)) {
            return Optional.empty();
        }
        return Optional.of(new ProductReport(productId, newer, ordersPlaced, itemsSold, revenue, ordersCancelled));
    }

    /** This report with one more order, of {@code quantity} items at {@code unitPrice} KRW each. */
    public ProductReport withOrder(int quantity, int unitPrice) {
        return new ProductReport(productId, details, ordersPlaced + 1, itemsSold + quantity,
                revenue + (long) unitPrice * quantity, ordersCancelled);
    }

    /**
     * This report with an order it counted, of {@code quantity} items at {@code unitPrice} KRW each, cancelled: the
     * sale is taken back and counted as cancelled instead.
     */
    public ProductReport withSaleCancelled(int quantity, int unitPrice) {
        return new ProductReport(productId, details, ordersPlaced - 1, itemsSold - quantity,
                revenue - (long) unitPrice * quantity, ordersCancelled + 1);
    }

    /** This report with one more order that was cancelled before it was counted: never a sale, only a cancellation. */
    public ProductReport withCancelledOrder() {
        return new ProductReport(productId, details, ordersPlaced, itemsSold, revenue, ordersCancelled + 1);
    }

    /** The product's name; {@code Product #<id>} for a product that has none or is not described yet. */
    public String displayName() {
        return details != null && details.name() != null && !details.name().isBlank()
                ? details.name()
                : "Product #" + productId;
    }
}
