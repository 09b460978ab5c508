package io.sirenorder.order.application;

import io.sirenorder.order.domain.Order;
import java.util.List;

/** One page of the orders, newest first, and how many there are in all. */
public record OrderPage(List<Order> orders, PageRequest request, long totalElements) {

    public long totalPages() {
        return (totalElements + request.size() - 1) / request.size();
    }
}
