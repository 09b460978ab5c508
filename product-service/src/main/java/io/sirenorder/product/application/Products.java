package io.sirenorder.product.application;

import io.sirenorder.product.domain.Product;
import java.util.List;
import java.util.Optional;

/** Where the catalogue keeps its products. */
public interface Products {

    /** Stores a new product and returns it with its id. */
    Product add(Product product);

    Optional<Product> find(long id);

    /** Reads a product and holds it until the transaction ends, so changes to one product never interleave. */
    Optional<Product> findForUpdate(long id);

    void update(Product product);

    List<Product> findAll();
}
