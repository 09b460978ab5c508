package io.sirenorder.security;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problem bodies of a refused request, in the shape every other SirenOrder problem has (RFC 9457). They are
 * written by Spring Security's filters, before any controller advice could, so they are made here.
 */
final class SecurityProblems {

    static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SecurityProblems() {
    }

    /** 401: no token, or one that is not good (expired, badly signed, from another issuer). */
    static byte[] unauthenticated(AuthenticationException e, String path) {
        String detail = e instanceof OAuth2AuthenticationException invalid
                ? "The access token is not accepted: " + describe(invalid) + "."
                : "This needs an access token: send it as 'Authorization: Bearer <token>'.";
        return body(HttpStatus.UNAUTHORIZED, detail, path);
    }

    /** 403: a good token, of a role that may not do this. */
    static byte[] forbidden(String path) {
        return body(HttpStatus.FORBIDDEN, "Your role may not do this.", path);
    }

    private static String describe(OAuth2AuthenticationException e) {
        String description = e.getError().getDescription();
        return description != null ? description : e.getError().getErrorCode();
    }

    private static byte[] body(HttpStatus status, String detail, String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("about:blank"));
        problem.setInstance(URI.create(path));
        return JSON.writeValueAsBytes(problem);
    }
}
