package io.sirenorder.order.application;

import io.sirenorder.order.domain.MenuItem;
import java.util.List;
import java.util.Optional;

/** The order service's replica of the catalogue. */
public interface MenuItems {

    Optional<MenuItem> find(long productId);

    void insert(MenuItem item);

    /** Replaces the stored copy of {@code item}'s product, unless the stored one is already as new. */
    void update(MenuItem item);

    /** Every product of the replica, by product id. */
    List<MenuItem> all();
}
