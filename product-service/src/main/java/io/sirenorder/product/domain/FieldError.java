package io.sirenorder.product.domain;

/** What is wrong with one field of a clerk's input. */
public record FieldError(String field, String message) {

    public static FieldError of(String field, String message) {
        return new FieldError(field, message);
    }
}
