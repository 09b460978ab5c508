package io.sirenorder.order.application;

import io.sirenorder.order.domain.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Which page of a list to show: {@code page} counts from 0, {@code size} is how many entries a page holds.
 *
 * @throws InvalidPageRequestException naming every parameter out of bounds
 */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 100;

    public PageRequest {
        List<Violation> violations = new ArrayList<>();
        if (page < 0) {
            violations.add(new Violation("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_SIZE) {
            violations.add(new Violation("size", "must be between 1 and " + MAX_SIZE));
        }
        if (!violations.isEmpty()) {
            throw new InvalidPageRequestException(violations);
        }
    }

    /** How many entries come before this page; a long, since page times size can pass the int range. */
    public long offset() {
        return (long) page * size;
    }
}
