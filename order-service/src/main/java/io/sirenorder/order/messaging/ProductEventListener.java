package io.sirenorder.order.messaging;

import io.sirenorder.events.ProductEvent;
import io.sirenorder.events.ProductState;
import io.sirenorder.events.Topics;
import io.sirenorder.order.application.MenuService;
import io.sirenorder.order.domain.MenuItem;
import io.sirenorder.order.domain.ProductStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds the menu replica from the catalogue's events; each one carries the product's full state. */
@Component
class ProductEventListener {

    private static final Logger log = LoggerFactory.getLogger(ProductEventListener.class);

    private final MenuService menu;

    ProductEventListener(MenuService menu) {
        this.menu = menu;
    }

    @KafkaListener(topics = Topics.PRODUCT_EVENTS)
    void on(ProductEvent event) {
        ProductState product = event.product();
        var latest = new MenuItem(product.productId(), product.version(), product.name(), product.price(),
                ProductStatus.valueOf(product.status().name()));
        if (!menu.apply(latest)) {
            log.debug("Ignored version {} of product {}: the menu already has it or a newer one",
                    product.version(), product.productId());
        }
    }
}
