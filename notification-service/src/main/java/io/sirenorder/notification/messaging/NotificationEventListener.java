package io.sirenorder.notification.messaging;

import io.sirenorder.events.OrderEvent;
import io.sirenorder.events.OrderPlaced;
import io.sirenorder.events.OrderStatusChanged;
import io.sirenorder.events.ProductEvent;
import io.sirenorder.events.ProductState;
import io.sirenorder.events.ProductUpdated;
import io.sirenorder.events.Topics;
import io.sirenorder.notification.application.Feed;
import io.sirenorder.notification.application.NotificationHub;
import io.sirenorder.notification.application.Partition;
import io.sirenorder.notification.domain.CheckedAgainst;
import io.sirenorder.notification.domain.OrderMoved;
import io.sirenorder.notification.domain.OrderNotification;
import io.sirenorder.notification.domain.OrderOutcome;
import io.sirenorder.notification.domain.OrderStatus;
import io.sirenorder.notification.domain.ProductChanged;
import io.sirenorder.notification.domain.ProductStatus;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * Feeds the product and order events to the open streams, each with its topic-partition and offset, which make
 * the notices' ids.
 * <p>
 * Every instance must see every event, as each serves its own subscribers; and it serves live pushes, not the
 * past. So each instance joins a consumer group of its own ({@code notification-<random UUID>}, see
 * {@code application.yml}) that starts at the end of the log: Kafka assigns it every partition, new ones included,
 * waits for a broker that is down at start-up, and the group's committed offsets resume it without a gap after a
 * rebalance within one run. Assigning partitions by hand would need their count up front and do all that by hand.
 */
@Component
class NotificationEventListener implements ConsumerSeekAware {

    private final NotificationHub hub;

    NotificationEventListener(NotificationHub hub) {
        this.hub = hub;
    }

    /** Where each partition's consuming begins: the history knows nothing before it. */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        assignments.forEach((topicPartition, offset) -> hub.startsAt(partition(topicPartition.topic(),
                topicPartition.partition()), offset));
    }

    @KafkaListener(topics = Topics.PRODUCT_EVENTS)
    void on(ProductEvent event, @Header(KafkaHeaders.RECEIVED_PARTITION) int partition,
            @Header(KafkaHeaders.OFFSET) long offset) {
        ProductState product = event.product();
        ProductStatus previous = event instanceof ProductUpdated updated ? status(updated.previousStatus()) : null;
        hub.publish(new Partition(Feed.PRODUCTS, partition), offset, ProductChanged.of(product.productId(),
                product.name(), product.price(), status(product.status()), previous, product.version()));
    }

    @KafkaListener(topics = Topics.ORDER_EVENTS)
    void on(OrderEvent event, @Header(KafkaHeaders.RECEIVED_PARTITION) int partition,
            @Header(KafkaHeaders.OFFSET) long offset) {
        // exhaustive, so that a new kind of order event does not compile until notification decides what it means
        OrderNotification order = switch (event) {
            case OrderPlaced placed -> new OrderOutcome(placed.orderId(), placed.productId(), placed.quantity(),
                    placed.unitPrice(), placed.totalPrice(), placed.customerId(), placed.orderedAt(),
                    CheckedAgainst.valueOf(placed.checkedAgainst().name()));
            case OrderStatusChanged changed -> new OrderMoved(changed.orderId(), changed.customerId(),
                    status(changed.from()), status(changed.to()), changed.at(), changed.version());
        };
        hub.publish(new Partition(Feed.ORDERS, partition), offset, order);
    }

    private static ProductStatus status(io.sirenorder.events.ProductStatus published) {
        return ProductStatus.valueOf(published.name());
    }

    private static OrderStatus status(io.sirenorder.events.OrderStatus published) {
        return OrderStatus.valueOf(published.name());
    }

    private static Partition partition(String topic, int number) {
        return new Partition(switch (topic) {
            case Topics.PRODUCT_EVENTS -> Feed.PRODUCTS;
            case Topics.ORDER_EVENTS -> Feed.ORDERS;
            default -> throw new IllegalArgumentException("not a notification feed: " + topic);
        }, number);
    }
}
