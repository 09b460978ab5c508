package io.sirenorder.problems;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * What a request is answered with when it fails: a status, a detail for people, the fields that are wrong when the
 * input is, when trying again is worth it, and any members a client acts on ({@code properties}, as RFC 9457's
 * extension members). Every problem becomes the same RFC 9457 body, whichever service answers.
 */
public record Problem(HttpStatus status, String detail, List<InvalidField> errors, @Nullable Duration retryAfter,
                      Map<String, Object> properties) {

    public Problem {
        errors = List.copyOf(errors);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public static Problem of(HttpStatus status, String detail) {
        return new Problem(status, detail, List.of(), null, Map.of());
    }

    /** A 400 naming every field that is wrong, as in "The order is invalid: quantity must be at least 1." */
    public static Problem invalid(String what, List<InvalidField> errors) {
        String detail = errors.stream().map(error -> error.field() + " " + error.message())
                .collect(Collectors.joining("; ", what + " is invalid: ", "."));
        return new Problem(HttpStatus.BAD_REQUEST, detail, errors, null, Map.of());
    }

    /** This problem, telling the client to try again after {@code wait} ({@code Retry-After}). */
    public Problem retryAfter(Duration wait) {
        return new Problem(status, detail, errors, wait, properties);
    }

    /** This problem with the member {@code name}: what a client needs to act on it without parsing the detail. */
    public Problem with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(properties);
        more.put(name, value);
        return new Problem(status, detail, errors, retryAfter, more);
    }
}
