package io.sirenorder.order.catalogue;

import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * The access token of the request being served, from Spring Security's context of the thread checking the order:
 * the check runs on the request's own thread, before the order joins a commit group.
 */
final class CallerToken {

    private CallerToken() {
    }

    static Optional<String> current() {
        return SecurityContextHolder.getContext().getAuthentication()
                instanceof AbstractOAuth2TokenAuthenticationToken<?> token
                ? Optional.of(token.getToken().getTokenValue())
                : Optional.empty();
    }
}
