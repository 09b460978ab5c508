package io.sirenorder.order.web;

import io.sirenorder.order.application.InvalidPageRequestException;
import io.sirenorder.order.application.MenuItemNotFoundException;
import io.sirenorder.order.application.OrderNotFoundException;
import io.sirenorder.order.application.ProductCatalogUnavailableException;
import io.sirenorder.order.application.ProductNotFoundException;
import io.sirenorder.order.domain.InvalidOrderException;
import io.sirenorder.order.domain.ProductNotOrderableException;
import io.sirenorder.order.domain.Violation;
import java.math.BigInteger;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every failure as an RFC 9457 problem body. Spring's base class covers the protocol errors (404 for unknown
 * paths, 405, 415, ...); this adds the order rules and makes a bad request body name the field that is wrong.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    /** Problems say what they are by status and title alone: RFC 9457's {@code about:blank} type. */
    private static final URI BLANK_TYPE = URI.create("about:blank");

    @ExceptionHandler
    ResponseEntity<Object> invalidOrder(InvalidOrderException e, WebRequest request) {
        return respond(e, invalidInput("The order is invalid: ", e.violations()), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> invalidPageRequest(InvalidPageRequestException e, WebRequest request) {
        return respond(e, invalidInput("The page request is invalid: ", e.violations()), request);
    }

    /** Each of these says in its message what is unknown. */
    @ExceptionHandler({ProductNotFoundException.class, OrderNotFoundException.class, MenuItemNotFoundException.class})
    ResponseEntity<Object> notFound(RuntimeException e, WebRequest request) {
        return respond(e, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage()), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> productNotOrderable(ProductNotOrderableException e, WebRequest request) {
        return respond(e, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage()), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> productCatalogUnavailable(ProductCatalogUnavailableException e, WebRequest request) {
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        var headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return respond(e, ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                e.getMessage() + " Nothing was ordered; please try again shortly."), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(e, unreadableBody(e), headers, status, request);
    }

    /**
     * An id in the path that is not even a number names nothing that exists; a query parameter that is not a
     * number is a bad request naming it.
     */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (e instanceof MethodArgumentTypeMismatchException mismatch
                && mismatch.getParameter().hasParameterAnnotation(PathVariable.class)) {
            var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "Nothing exists with " + mismatch.getName() + " '" + mismatch.getValue() + "'.");
            return handleExceptionInternal(e, problem, headers, HttpStatus.NOT_FOUND, request);
        }
        if (e instanceof MethodArgumentTypeMismatchException mismatch
                && mismatch.getParameter().hasParameterAnnotation(RequestParam.class)) {
            String message = isWholeNumber(mismatch.getValue()) ? "is out of range" : "must be a whole number";
            var problem = invalidInput("The request is invalid: ",
                    List.of(new Violation(mismatch.getName(), message)));
            return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
        }
        return super.handleTypeMismatch(e, headers, status, request);
    }

    /** Every problem, this class's and the base class's, is answered through here. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getType() == null) {
            problem.setType(BLANK_TYPE);
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private ResponseEntity<Object> respond(Exception e, ProblemDetail problem, WebRequest request) {
        return respond(e, problem, new HttpHeaders(), request);
    }

    private ResponseEntity<Object> respond(Exception e, ProblemDetail problem, HttpHeaders headers,
            WebRequest request) {
        return handleExceptionInternal(e, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    private static ProblemDetail unreadableBody(HttpMessageNotReadableException e) {
        if (!(e.getMostSpecificCause() instanceof JacksonException json)) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The request body is missing: it must be a JSON object.");
        }
        String field = fieldOf(json);
        if (field.isEmpty()) {
            String detail = switch (json) {
                // an array, a bare value, or anything after the object
                case MismatchedInputException mismatch -> "The request body must be a single JSON object.";
                case StreamReadException syntax when syntax.getLocation() != null ->
                        "The request body is not valid JSON (line " + syntax.getLocation().getLineNr()
                                + ", column " + syntax.getLocation().getColumnNr() + ").";
                default -> "The request body is not valid JSON.";
            };
            return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        }
        return invalidInput("The request body is invalid: ", List.of(new Violation(field, whatIsWrong(json))));
    }

    private static String whatIsWrong(JacksonException e) {
        return switch (e) {
            case UnrecognizedPropertyException unknown -> "is not a known property";
            case InputCoercionException outOfRange -> "is out of range";
            case InvalidFormatException invalid when isWholeNumber(invalid.getValue()) -> "is out of range";
            case MismatchedInputException mismatch when isNumber(mismatch.getTargetType()) ->
                    "must be a whole number";
            case MismatchedInputException mismatch when mismatch.getTargetType() == String.class -> "must be text";
            default -> "has the wrong type";
        };
    }

    private static boolean isNumber(Class<?> type) {
        return type != null && (Number.class.isAssignableFrom(type) || type == int.class || type == long.class);
    }

    /** A number given as a string, such as "3000000000", that is whole but does not fit the field. */
    private static boolean isWholeNumber(Object value) {
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

    private static ProblemDetail invalidInput(String prefix, List<Violation> violations) {
        String detail = violations.stream().map(v -> v.field() + " " + v.message())
                .collect(Collectors.joining("; ", prefix, "."));
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setProperty("errors", violations);
        return problem;
    }
}
