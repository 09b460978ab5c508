package io.sirenorder.problems;

import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error a servlet service answers, as one problem body: Spring's protocol errors (an unknown path, a method or
 * content type not supported, a body that cannot be read, a parameter missing or of the wrong type), the service's
 * own exceptions as its {@link ProblemMappings} declare, and any other failure as a 500.
 */
@RestControllerAdvice
class ServletProblemResponses extends ResponseEntityExceptionHandler {

    private static final Log log = LogFactory.getLog(ServletProblemResponses.class);

    private final ObjectProvider<ProblemMappings> mappings;

    ServletProblemResponses(ObjectProvider<ProblemMappings> mappings) {
        this.mappings = mappings;
    }

    /** Whatever the base class does not handle: the service's own exceptions, and the unexpected. */
    @ExceptionHandler
    ResponseEntity<Object> handleServiceException(Exception e, WebRequest request) {
        Problem problem = mappings.orderedStream().flatMap(mapping -> mapping.problemFor(e).stream()).findFirst()
                .orElseGet(() -> unexpected(e, request));
        return answer(e, problem, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return answer(e, BadInput.unreadableBody(e), request);
    }

    /**
     * An id in the path that does not even fit its type names nothing that exists; any other value that does not
     * fit is a bad request naming it.
     */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (!(e instanceof MethodArgumentTypeMismatchException mismatch)) {
            return super.handleTypeMismatch(e, headers, status, request);
        }
        if (mismatch.getParameter().hasParameterAnnotation(PathVariable.class)) {
            return answer(e, Problem.of(HttpStatus.NOT_FOUND,
                    "Nothing exists with " + mismatch.getName() + " '" + mismatch.getValue() + "'."), request);
        }
        String whatIsWrong = BadInput.mismatch(mismatch.getRequiredType(), mismatch.getValue());
        return answer(e, Problem.invalid("The request", List.of(new InvalidField(mismatch.getName(), whatIsWrong))),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return answer(e, Problem.invalid("The request",
                List.of(new InvalidField(e.getParameterName(), "is required"))), request);
    }

    /** Every problem, this class's and the base class's, leaves through here. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        return super.createResponseEntity(ProblemBodies.finish(body), headers, status, request);
    }

    private ResponseEntity<Object> answer(Exception e, Problem problem, WebRequest request) {
        return handleExceptionInternal(e, ProblemBodies.bodyOf(problem), ProblemBodies.headersOf(problem),
                problem.status(), request);
    }

    private static Problem unexpected(Exception e, WebRequest request) {
        log.error("Unexpected failure answering " + request.getDescription(false), e);
        return Problem.of(HttpStatus.INTERNAL_SERVER_ERROR, "The service failed to answer the request.");
    }
}
