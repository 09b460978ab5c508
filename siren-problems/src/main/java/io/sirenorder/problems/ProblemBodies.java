package io.sirenorder.problems;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;

/**
 * The one shape of every problem body: RFC 9457's {@code type}, {@code title}, {@code status}, {@code detail} and
 * {@code instance} (which Spring fills in from the request's path), and {@code errors} when fields are wrong.
 */
final class ProblemBodies {

    // RFC 9457's "no semantics beyond the status code": a SirenOrder problem says what it is by its status and its
    // errors. Spring leaves this default implicit; clients of SirenOrder expect the member.
    private static final URI TYPE = URI.create("about:blank");

    private ProblemBodies() {
    }

    static ProblemDetail bodyOf(Problem problem) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.detail());
        if (!problem.errors().isEmpty()) {
            body.setProperty("errors", problem.errors());
        }
        problem.properties().forEach(body::setProperty);
        return body;
    }

    static HttpHeaders headersOf(Problem problem) {
        var headers = new HttpHeaders();
        if (problem.retryAfter() != null) {
            // whole seconds, rounded up: a client retrying a little early would only be refused again
            long seconds = Math.max(1, (problem.retryAfter().toMillis() + 999) / 1000);
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        return headers;
    }

    /** Spring's own bodies (404, 405, 415, ...) and the services' alike, on their way out. */
    static Object finish(Object body) {
        if (body instanceof ProblemDetail problem && problem.getType() == null) {
            problem.setType(TYPE);
        }
        return body;
    }
}
