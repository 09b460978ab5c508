package io.sirenorder.order.domain;

import java.util.EnumSet;
import java.util.Set;

/** What keeps customers from ordering a product; the phrase completes "Product 7 cannot be ordered now: it ...". */
public enum Obstacle {
    SOLD_OUT("is sold out"),
    NO_PRICE("has no price"),
    /** The catalogue refuses although the rule here would allow it: the catalogue is the authority. */
    REFUSED_BY_CATALOGUE("is not offered by the catalogue");

    private final String phrase;

    Obstacle(String phrase) {
        this.phrase = phrase;
    }

    public String phrase() {
        return phrase;
    }

    /** The ordering rule: a product can be ordered only when it is {@code Available} and has a price. */
    static Set<Obstacle> of(int price, ProductStatus status) {
        Set<Obstacle> obstacles = EnumSet.noneOf(Obstacle.class);
        if (status != ProductStatus.Available) {
            obstacles.add(SOLD_OUT);
        }
        if (price <= 0) {
            obstacles.add(NO_PRICE);
        }
        return obstacles;
    }
}
