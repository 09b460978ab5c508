package io.sirenorder.order.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sirenorder.order.domain.Order;
import java.time.Instant;

/** An order as customers see it; {@code price} is the unit price, {@code customerId} appears when given. */
record OrderResponse(long id, long productId, int quantity, int price, long totalPrice, String status,
                     Instant orderedAt, @JsonInclude(JsonInclude.Include.NON_NULL) String customerId) {

    static OrderResponse of(Order order) {
        return new OrderResponse(order.id(), order.productId(), order.quantity(), order.unitPrice(),
                order.totalPrice(), order.status().name(), order.orderedAt(), order.customerId());
    }
}
