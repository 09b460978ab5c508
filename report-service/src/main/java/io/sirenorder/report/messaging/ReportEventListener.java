package io.sirenorder.report.messaging;

import io.sirenorder.events.OrderEvent;
import io.sirenorder.events.OrderPlaced;
import io.sirenorder.events.ProductEvent;
import io.sirenorder.events.Topics;
import io.sirenorder.report.application.ReportProjection;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds the product and order events to the reports. */
@Component
class ReportEventListener {

    private final ReportProjection projection;

    ReportEventListener(ReportProjection projection) {
        this.projection = projection;
    }

    /** A registration and an update both carry the product's full new state: the report needs nothing else. */
    @KafkaListener(topics = Topics.PRODUCT_EVENTS)
    void on(ProductEvent event) {
        projection.apply(event.product());
    }

    @KafkaListener(topics = Topics.ORDER_EVENTS)
    void on(OrderEvent event) {
        // exhaustive, so that a new kind of order event does not compile until the report decides what it means
        switch (event) {
            case OrderPlaced placed -> projection.apply(placed);
        }
    }
}
