package io.sirenorder.product.messaging;

import io.sirenorder.events.ProductRegistered;
import io.sirenorder.events.ProductState;
import io.sirenorder.events.ProductUpdated;
import io.sirenorder.messaging.outbox.Outbox;
import io.sirenorder.product.application.ProductEvents;
import io.sirenorder.product.domain.Product;
import io.sirenorder.product.domain.ProductStatus;
import org.springframework.stereotype.Component;

/** Publishes catalogue changes in the published language, through the transactional outbox. */
@Component
class OutboxProductEvents implements ProductEvents {

    private final Outbox outbox;

    OutboxProductEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void registered(Product product) {
        outbox.add(new ProductRegistered(state(product)));
    }

    @Override
    public void updated(Product product, ProductStatus previousStatus) {
        outbox.add(new ProductUpdated(state(product), published(previousStatus)));
    }

    private static ProductState state(Product product) {
        return new ProductState(product.id(), product.version(), product.name(), product.price(),
                published(product.status()), product.statusChangedAt());
    }

    private static io.sirenorder.events.ProductStatus published(ProductStatus status) {
        return io.sirenorder.events.ProductStatus.valueOf(status.name());
    }
}
