package io.sirenorder.problems;

/** One thing wrong with a request: which field (or parameter), and what it must be instead. */
public record InvalidField(String field, String message) {
}
