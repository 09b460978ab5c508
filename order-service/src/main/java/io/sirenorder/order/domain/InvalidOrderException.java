package io.sirenorder.order.domain;

import java.util.List;
import java.util.stream.Collectors;

/** An order request that breaks the ordering rules; it names every offending field. */
public class InvalidOrderException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidOrderException(List<Violation> violations) {
        super(violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
