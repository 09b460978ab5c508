package io.sirenorder.order.messaging;

import io.sirenorder.events.CheckedAgainst;
import io.sirenorder.events.OrderPlaced;
import io.sirenorder.messaging.outbox.Outbox;
import io.sirenorder.order.application.OrderEvents;
import io.sirenorder.order.domain.Order;
import org.springframework.stereotype.Component;

/** Publishes placed orders in the published language, through the transactional outbox. */
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
}
