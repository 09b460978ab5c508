package io.sirenorder.order.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a customer asks for, as they gave it: {@code quantity} left out means one, {@code customerId} is optional. It
 * cannot exist unless it follows the ordering rules; this is the one place they are checked.
 */
public record OrderRequest(Long productId, Integer quantity, String customerId) {

    public static final int DEFAULT_QUANTITY = 1;
    public static final int MAX_QUANTITY = 100;
    public static final int MAX_CUSTOMER_ID_LENGTH = 64;

    /** @throws InvalidOrderException naming every field that breaks a rule */
    public OrderRequest {
        requireValid(productId, quantity, customerId);
        quantity = quantity != null ? quantity : DEFAULT_QUANTITY;
    }

    /**
     * The order this request becomes, at the unit price the catalogue quotes now; it has no id yet.
     *
     * @throws ProductNotOrderableException when the product is sold out or has no price
     */
    public Order placeAt(ProductAvailability product, Instant orderedAt) {
        if (product.productId() != productId()) {
            throw new IllegalArgumentException("the availability of product " + product.productId()
                    + " says nothing about product " + productId);
        }
        Set<Obstacle> obstacles = product.obstacles();
        if (!obstacles.isEmpty()) {
            throw new ProductNotOrderableException(productId, obstacles);
        }
        return Order.placed(productId, quantity, product.price(), customerId, orderedAt, CheckedAgainst.Catalogue);
    }

    /**
     * The order this request becomes when the catalogue cannot be asked and the policy accepts orders from the
     * menu: at the replica's last known price, under the same ordering rule, marked as checked against the menu;
     * it has no id yet.
     *
     * @throws ProductNotOrderableException when the replica shows the product sold out or without a price
     */
    public Order placeFromMenu(MenuItem item, Instant orderedAt) {
        if (item.productId() != productId()) {
            throw new IllegalArgumentException("the menu item of product " + item.productId()
                    + " says nothing about product " + productId);
        }
        Set<Obstacle> obstacles = Obstacle.of(item.price(), item.status());
        if (!obstacles.isEmpty()) {
            throw new ProductNotOrderableException(productId, obstacles);
        }
        return Order.placed(productId, quantity, item.price(), customerId, orderedAt, CheckedAgainst.Menu);
    }

    private static void requireValid(Long productId, Integer quantity, String customerId) {
        List<Violation> violations = new ArrayList<>();
        if (productId == null) {
            violations.add(new Violation("productId", "is required"));
        } else if (productId <= 0) {
            violations.add(new Violation("productId", "must be a positive number"));
        }
        if (quantity != null && quantity < 1) {
            violations.add(new Violation("quantity", "must be at least 1"));
        } else if (quantity != null && quantity > MAX_QUANTITY) {
            violations.add(new Violation("quantity", "must be at most " + MAX_QUANTITY));
        }
        if (customerId != null && customerId.isBlank()) {
            violations.add(new Violation("customerId", "must not be blank"));
        } else if (customerId != null && customerId.length() > MAX_CUSTOMER_ID_LENGTH) {
            violations.add(new Violation("customerId",
                    "must be at most " + MAX_CUSTOMER_ID_LENGTH + " characters long"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidOrderException(violations);
        }
    }
}
