package io.sirenorder.product.domain;

import java.util.List;
import java.util.stream.Collectors;

/** A clerk's input breaks a catalogue rule; nothing was changed. */
public class InvalidProductException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidProductException(FieldError... errors) {
        this(List.of(errors));
    }

    public InvalidProductException(List<FieldError> errors) {
        super(errors.stream().map(error -> error.field() + " " + error.message())
                .collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
