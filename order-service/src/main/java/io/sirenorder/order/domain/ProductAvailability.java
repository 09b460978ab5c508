package io.sirenorder.order.domain;

import java.util.Objects;
import java.util.Set;

/**
 * The catalogue's authoritative answer, asked at the moment of ordering: the product's price and status as of its
 * {@code version}, and whether the catalogue itself calls it {@code orderable}.
 */
public record ProductAvailability(long productId, int price, ProductStatus status, boolean orderable, long version) {

    public ProductAvailability {
        if (productId <= 0 || version <= 0) {
            throw new IllegalArgumentException("productId and version must be positive");
        }
        if (price < 0) {
            throw new IllegalArgumentException("price must be >= 0");
        }
        Objects.requireNonNull(status, "status");
    }

    /**
     * Why customers cannot order the product now; empty when they can. Both sides must agree: the ordering rule
     * applied to price and status here, and the catalogue's own {@code orderable}.
     */
    public Set<Obstacle> obstacles() {
        Set<Obstacle> obstacles = Obstacle.of(price, status);
        if (obstacles.isEmpty() && !orderable) {
            obstacles.add(Obstacle.REFUSED_BY_CATALOGUE);
        }
        return obstacles;
    }
}
