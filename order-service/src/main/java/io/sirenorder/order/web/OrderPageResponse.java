package io.sirenorder.order.web;

import io.sirenorder.order.application.OrderPage;
import java.util.List;

/** A page of orders, shaped as Spring Data's {@code PagedModel}, which clients of Spring services already read. */
record OrderPageResponse(List<OrderResponse> content, Metadata page) {

    record Metadata(int size, int number, long totalElements, long totalPages) {
    }

    static OrderPageResponse of(OrderPage page) {
        return new OrderPageResponse(page.orders().stream().map(OrderResponse::of).toList(),
                new Metadata(page.request().size(), page.request().page(), page.totalElements(), page.totalPages()));
    }
}
