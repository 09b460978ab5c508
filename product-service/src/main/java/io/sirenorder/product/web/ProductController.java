package io.sirenorder.product.web;

import io.sirenorder.product.application.Catalogue;
import io.sirenorder.product.domain.Product;
import io.sirenorder.product.domain.ProductChange;
import io.sirenorder.product.domain.ProductStatus;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/products", produces = MediaType.APPLICATION_JSON_VALUE)
class ProductController {

    private final Catalogue catalogue;

    ProductController(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ProductResponse> register(@RequestBody ProductRequest request) {
        Product product = catalogue.register(request.name(), request.price(), status(request.status()));
        return ResponseEntity.created(URI.create("/products/" + product.id())).body(ProductResponse.of(product));
    }

    @GetMapping
    List<ProductResponse> all() {
        return catalogue.all().stream().map(ProductResponse::of).toList();
    }

    @GetMapping("/{productId:\\d+}")
    ProductResponse one(@PathVariable long productId) {
        return ProductResponse.of(catalogue.get(productId));
    }

    @PatchMapping(path = "/{productId:\\d+}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    ProductResponse change(@PathVariable long productId, @RequestBody ProductRequest request) {
        var change = new ProductChange(request.name(), request.price(), status(request.status()));
        return ProductResponse.of(catalogue.change(productId, change));
    }

    @GetMapping("/{productId:\\d+}/availability")
    Availability availability(@PathVariable long productId) {
        return Availability.of(catalogue.get(productId));
    }

    /** The seed's check, kept for its clients: the bare price when the product can be ordered, else 0. */
    @GetMapping("/checkProduct")
    int checkProduct(@RequestParam long productId) {
        return catalogue.get(productId).orderablePrice();
    }

    private static ProductStatus status(String status) {
        return status == null ? null : ProductStatus.named(status);
    }
}
