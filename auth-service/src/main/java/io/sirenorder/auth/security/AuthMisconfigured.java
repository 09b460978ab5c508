package io.sirenorder.auth.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Auth's configuration does not let it start; Spring Boot reports what is wrong and what to do, without a trace. */
final class AuthMisconfigured extends IllegalStateException {

    private final String action;

    AuthMisconfigured(String problem, String action) {
        super(problem);
        this.action = action;
    }

    /** Shows the problem and the action in Spring Boot's "APPLICATION FAILED TO START" report. */
    static final class Analyzer extends AbstractFailureAnalyzer<AuthMisconfigured> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, AuthMisconfigured cause) {
            return new FailureAnalysis(cause.getMessage(), cause.action, cause);
        }
    }
}
