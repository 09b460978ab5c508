package io.sirenorder.order.application;

import io.sirenorder.order.domain.Violation;
import java.util.List;
import java.util.stream.Collectors;

/** Paging parameters out of bounds; it names every offending parameter. */
public class InvalidPageRequestException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidPageRequestException(List<Violation> violations) {
        super(violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
