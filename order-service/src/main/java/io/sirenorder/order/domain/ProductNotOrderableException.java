package io.sirenorder.order.domain;

import java.util.Set;
import java.util.stream.Collectors;

/** The product exists but cannot be ordered now; the message says why. */
public class ProductNotOrderableException extends RuntimeException {

    private final Set<Obstacle> obstacles;

    public ProductNotOrderableException(long productId, Set<Obstacle> obstacles) {
        super(obstacles.stream().map(Obstacle::phrase)
                .collect(Collectors.joining(" and ", "Product " + productId + " cannot be ordered now: it ", ".")));
        this.obstacles = Set.copyOf(obstacles);
    }

    public Set<Obstacle> obstacles() {
        return obstacles;
    }
}
