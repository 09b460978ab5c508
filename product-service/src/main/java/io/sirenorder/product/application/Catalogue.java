package io.sirenorder.product.application;

import io.sirenorder.product.domain.Product;
import io.sirenorder.product.domain.ProductChange;
import io.sirenorder.product.domain.ProductNotFoundException;
import io.sirenorder.product.domain.ProductStatus;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The clerks' use cases. Each change and its event are committed together, or not at all. */
@Service
public class Catalogue {

    private final Products products;
    private final ProductEvents events;
    private final Clock clock;

    public Catalogue(Products products, ProductEvents events, Clock clock) {
        this.products = products;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Product register(String name, Integer price, ProductStatus status) {
        Product product = products.add(Product.register(name, price, status, clock.instant()));
        events.registered(product);
        return product;
    }

    @Transactional
    public Product change(long productId, ProductChange change) {
        Product current = products.findForUpdate(productId)
                .orElseThrow(() -> new ProductNotFoundException(productId));
        Product changed = current.apply(change, clock.instant());
        if (changed != current) {
            products.update(changed);
            events.updated(changed, current.status());
        }
        return changed;
    }

    @Transactional(readOnly = true)
    public Product get(long productId) {
        return products.find(productId).orElseThrow(() -> new ProductNotFoundException(productId));
    }

    @Transactional(readOnly = true)
    public List<Product> all() {
        return products.findAll();
    }
}
