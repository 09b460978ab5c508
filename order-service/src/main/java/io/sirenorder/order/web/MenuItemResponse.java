package io.sirenorder.order.web;

import io.sirenorder.order.domain.MenuItem;

/** A line of the menu: {@code name} is the product's, or {@code Product #<id>} when it has none. */
record MenuItemResponse(long productId, String name, int price, String status) {

    static MenuItemResponse of(MenuItem item) {
        return new MenuItemResponse(item.productId(), item.displayName(), item.price(), item.status().name());
    }
}
