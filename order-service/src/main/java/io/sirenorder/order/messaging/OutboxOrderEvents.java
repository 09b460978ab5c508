package io.sirenorder.order.messaging;

import io.sirenorder.events.CheckedAgainst;
import io.sirenorder.events.OrderPlaced;
import io.sirenorder.events.OrderStatusChanged;
import io.sirenorder.messaging.outbox.Outbox;
import io.sirenorder.order.application.OrderEvents;
import io.sirenorder.order.domain.Order;
import io.sirenorder.order.domain.OrderStatus;
import org.springframework.stereotype.Component;

/** Publishes placed orders and their moves in the published language, through the transactional outbox. */
@Component
class OutboxOrderEvents implements OrderEvents {

    private final Outbox outbox;

    OutboxOrderEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void placed(Order order) {
        outbox.add(new OrderPlaced(order.id(), order.productId(), order.quantity(), order.unitPrice(),
                order.customerId(), order.orderedAt(), CheckedAgainst.valueOf(order.checkedAgainst().name())));
    }

    @Override
    public void moved(Order order, OrderStatus from) {
        outbox.add(new OrderStatusChanged(order.id(), order.customerId(), published(from), published(order.status()),
                order.statusChangedAt(), order.version()));
    }

    private static io.sirenorder.events.OrderStatus published(OrderStatus status) {
        return io.sirenorder.events.OrderStatus.valueOf(status.name());
    }
}
