package io.sirenorder.order.web;

import io.sirenorder.order.domain.MenuItem;

/** The replica's copy of one product, orderable or not, as of the catalogue's {@code version} of it. */
record MenuEntryResponse(long productId, String name, int price, String status, boolean orderable, long version) {

    static MenuEntryResponse of(MenuItem item) {
        return new MenuEntryResponse(item.productId(), item.displayName(), item.price(), item.status().name(),
                item.isOrderable(), item.version());
    }
}
