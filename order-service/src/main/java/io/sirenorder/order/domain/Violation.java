package io.sirenorder.order.domain;

/** One thing wrong with a request: which field, and what it must be instead. */
public record Violation(String field, String message) {
}
