package io.sirenorder.report.messaging;

import io.micrometer.observation.ObservationRegistry;
import io.sirenorder.events.OrderEvent;
import io.sirenorder.events.OrderPlaced;
import io.sirenorder.events.OrderStatus;
import io.sirenorder.events.OrderStatusChanged;
import io.sirenorder.events.ProductEvent;
import io.sirenorder.events.ProductState;
import io.sirenorder.events.Topics;
import io.sirenorder.messaging.consumer.TransactionalBatch;
import io.sirenorder.report.application.ReportProjection;
import io.sirenorder.report.domain.ProductDetails;
import io.sirenorder.report.domain.Sale;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Feeds the product and order events to the reports, in the report's own terms. */
@Component
class ReportEventListener {

    private final ReportProjection projection;
    private final TransactionalBatch batch;

    ReportEventListener(ReportProjection projection, TransactionTemplate transaction,
            ObjectProvider<ObservationRegistry> observations) {
        this.projection = projection;
        this.batch = new TransactionalBatch(transaction, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    /** A registration and an update both carry the product's full new state: the report needs nothing else. */
    @KafkaListener(topics = Topics.PRODUCT_EVENTS)
    void on(ProductEvent event) {
        ProductState product = event.product();
        projection.describe(product.productId(), new ProductDetails(product.version(), product.name(),
                product.price(), product.status().name(), product.statusChangedAt()));
    }

    /**
     * Orders come at rush-hour rates: each poll's orders are counted in one transaction. Of an order's moves only its
     * cancellation changes the report.
     */
    @KafkaListener(topics = Topics.ORDER_EVENTS, batch = "true")
    void on(List<ConsumerRecord<String, OrderEvent>> records) {
        // exhaustive, so that a new kind of order event does not compile until the report decides what it means
        batch.apply(records, event -> {
            switch (event) {
                case OrderPlaced placed -> projection.count(
                        new Sale(placed.orderId(), placed.productId(), placed.quantity(), placed.unitPrice()));
                case OrderStatusChanged cancelled when cancelled.to() == OrderStatus.Cancelled ->
                        projection.countCancellation(cancelled.orderId());
                // the report counts sales, not the kitchen: an order being prepared, ready or picked up is still sold
                case OrderStatusChanged moved -> {
                }
            }
        });
    }
}
