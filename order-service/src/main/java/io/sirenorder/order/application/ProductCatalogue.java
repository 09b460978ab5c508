package io.sirenorder.order.application;

import io.sirenorder.order.domain.ProductAvailability;
import java.util.Optional;

/** The authoritative answer on a product's price and status, asked at the moment of ordering. */
public interface ProductCatalogue {

    /**
     * @return empty when the catalogue does not know the product
     * @throws ProductCatalogueUnavailableException when the catalogue cannot answer in time
     */
    Optional<ProductAvailability> availabilityOf(long productId);
}
