package io.sirenorder.order.application;

import io.sirenorder.events.OrderPlaced;
import io.sirenorder.messaging.outbox.Outbox;
import io.sirenorder.order.domain.Order;
import io.sirenorder.order.domain.OrderRequest;
import io.sirenorder.order.domain.ProductAvailability;
import io.sirenorder.order.domain.ProductNotOrderableException;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

@Service
public class OrderService {

    private final ProductCatalog catalog;
    private final OrderRepository orders;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public OrderService(ProductCatalog catalog, OrderRepository orders, Outbox outbox,
            TransactionTemplate transaction, Clock clock) {
        this.catalog = catalog;
        this.orders = orders;
        this.outbox = outbox;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Accepts the order if the catalogue, asked now, says the product is on sale; stores it and its
     * {@link OrderPlaced} event together, or nothing at all.
     *
     * @throws ProductNotFoundException when the catalogue does not know the product
     * @throws ProductNotOrderableException when it is sold out or has no price
     * @throws ProductCatalogUnavailableException when the catalogue cannot answer in time
     */
    public Order place(OrderRequest request) {
        ProductAvailability product = catalog.availabilityOf(request.productId())
                .orElseThrow(() -> new ProductNotFoundException(request.productId()));
        Order accepted = request.placeAt(product, clock.instant());
        // the catalogue is asked before the transaction opens, so no database connection waits on it
        return transaction.execute(status -> {
            Order order = orders.add(accepted);
            outbox.add(new OrderPlaced(order.id(), order.productId(), order.quantity(), order.unitPrice(),
                    order.customerId(), order.orderedAt()));
            return order;
        });
    }

    /** @throws OrderNotFoundException when there is no such order */
    public Order find(long orderId) {
        return orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    /** The orders on {@code request}'s page, newest first. */
    public OrderPage page(PageRequest request) {
        return new OrderPage(orders.newestFirst(request.offset(), request.size()), request, orders.count());
    }
}
