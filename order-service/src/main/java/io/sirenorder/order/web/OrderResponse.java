package io.sirenorder.order.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sirenorder.order.domain.Order;
import java.time.Instant;

/**
 * An order as customers see it; {@code price} is the unit price, {@code customerId} appears when given.
 * {@code status} is where it stands since {@code statusChangedAt}, {@code version} counts its states (1 when placed,
 * as the moves on the notification stream do).
 * {@code checkedAgainst} is {@code Catalogue} when the product service confirmed price and status, {@code Menu} when
 * it could not be asked and the order was accepted from the menu's last known price and status.
 */
record OrderResponse(long id, long productId, int quantity, int price, long totalPrice, String status,
                     Instant orderedAt, @JsonInclude(JsonInclude.Include.NON_NULL) String customerId,
                     String checkedAgainst, long version, Instant statusChangedAt) {

    static OrderResponse of(Order order) {
        return new OrderResponse(order.id(), order.productId(), order.quantity(), order.unitPrice(),
                order.totalPrice(), order.status().name(), order.orderedAt(), order.customerId(),
                order.checkedAgainst().name(), order.version(), order.statusChangedAt());
    }
}
