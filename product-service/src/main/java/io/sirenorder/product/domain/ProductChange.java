package io.sirenorder.product.domain;

/**
 * What a clerk wants changed; a {@code null} part stays as it is. A blank name removes the name, so the menu shows
 * {@code Product #<id>} again.
 */
public record ProductChange(String name, Integer price, ProductStatus status) {

    public ProductChange {
        if (name == null && price == null && status == null) {
            throw new InvalidProductException(FieldError.of("body", "must change at least one of name, price, status"));
        }
    }
}
