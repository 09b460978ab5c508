package io.sirenorder.product.web;

import io.sirenorder.product.domain.FieldError;
import io.sirenorder.product.domain.InvalidProductException;
import io.sirenorder.product.domain.ProductNotFoundException;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Every error as an RFC 9457 problem body; bad input names the field that is wrong. */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ProblemDetail invalid(InvalidProductException exception) {
        return badRequest(exception.errors());
    }

    @ExceptionHandler
    ProblemDetail notFound(ProductNotFoundException exception) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, exception.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(badRequest(List.of(unreadable(exception))));
    }

    private static FieldError unreadable(HttpMessageNotReadableException exception) {
        if (exception.getCause() instanceof JacksonException json) {
            if (json instanceof UnrecognizedPropertyException unknown) {
                return FieldError.of(unknown.getPropertyName(), "is not a known property");
            }
            String field = json.getPath().stream()
                    .map(JacksonException.Reference::getPropertyName)
                    .filter(name -> name != null)
                    .collect(Collectors.joining("."));
            if (!field.isEmpty()) {
                return FieldError.of(field, "has the wrong type or is out of range: " + json.getOriginalMessage());
            }
            return FieldError.of("body", "is not valid JSON: " + json.getOriginalMessage());
        }
        return FieldError.of("body", "is missing or unreadable");
    }

    private static ProblemDetail badRequest(List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, errors.stream()
                .map(error -> error.field() + " " + error.message())
                .collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return problem;
    }
}
