package io.sirenorder.problems;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Input that could not be read, described in the client's terms: the field and what it must be, or what is wrong
 * with the body as a whole. Jackson's and Spring's own messages never reach the client: they name Java types and
 * parser internals.
 */
final class BadInput {

    private BadInput() {
    }

    static Problem unreadableBody(HttpMessageNotReadableException e) {
        if (!(e.getMostSpecificCause() instanceof JacksonException json)) {
            return Problem.of(HttpStatus.BAD_REQUEST, "The request body is missing: it must be a JSON object.");
        }
        String field = fieldOf(json);
        // a syntax error is in the text, wherever it stands: where it broke says more than the field it broke in
        boolean syntax = json instanceof StreamReadException && !(json instanceof InputCoercionException);
        if (!field.isEmpty() && !syntax) {
            return Problem.invalid("The request body", List.of(new InvalidField(field, whatIsWrong(json))));
        }
        return Problem.of(HttpStatus.BAD_REQUEST, switch (json) {
            // an array, a bare value, or anything after the object
            case MismatchedInputException mismatch -> "The request body must be a single JSON object.";
            case StreamReadException broken when broken.getLocation() != null ->
                    "The request body is not valid JSON (line " + broken.getLocation().getLineNr()
                            + ", column " + broken.getLocation().getColumnNr() + ").";
            // Jackson's StreamReadConstraints: valid JSON, and beyond what the service reads
            case StreamConstraintsException limit ->
                    "The request body cannot be read: it is nested too deeply, or holds a number or text too long.";
            default -> "The request body is not valid JSON.";
        });
    }

    /** What is wrong with {@code value}, given for a field or parameter of {@code type} that it does not fit. */
    static String mismatch(@Nullable Class<?> type, @Nullable Object value) {
        if (isNumber(type)) {
            return isWholeNumber(value) ? "is out of range" : "must be a whole number";
        }
        return type == String.class ? "must be text" : "has the wrong type";
    }

    private static String whatIsWrong(JacksonException e) {
        return switch (e) {
            case UnrecognizedPropertyException unknown -> "is not a known property";
            case InputCoercionException outOfRange -> "is out of range";
            case StreamConstraintsException limit -> "is too long to be read";
            case InvalidFormatException invalid -> mismatch(invalid.getTargetType(), invalid.getValue());
            case MismatchedInputException mismatch -> mismatch(mismatch.getTargetType(), null);
            default -> "has the wrong type";
        };
    }

    private static boolean isNumber(@Nullable Class<?> type) {
        return type != null && (Number.class.isAssignableFrom(type) || type == int.class || type == long.class);
    }

    /** A number given as text, such as "3000000000", that is whole but does not fit its field. */
    private static boolean isWholeNumber(@Nullable Object value) {
        if (!(value instanceof String text)) {
            return false;
        }
        try {
            new BigInteger(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The JSON path of the offending value, such as {@code quantity}; empty for the body as a whole. */
    private static String fieldOf(JacksonException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
