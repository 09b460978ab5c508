package io.sirenorder.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The tokens a service has already checked, each until it expires: a customer's token comes again with every order
 * and every page, and checking it (parsing, verifying its RS256 signature, validating issuer and times) is most of
 * what a resource server spends on it. A token is remembered by its whole text, so one changed in any way is checked
 * anew; only a token that passed every check is remembered, and never past its {@code exp}. Bounded: beyond that,
 * the least used are forgotten, and simply checked again.
 */
final class RememberedTokens {

    /** About 2 KB each (the token's text and its claims): a few MB at most. */
    private static final int MAX_TOKENS = 2_000;

    private final Cache<String, Jwt> checked = Caffeine.newBuilder()
            .maximumSize(MAX_TOKENS)
            .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> untilExpiry(jwt)))
            .build();

    Optional<Jwt> recall(String token) {
        return Optional.ofNullable(checked.getIfPresent(token));
    }

    Jwt remember(String token, Jwt jwt) {
        checked.put(token, jwt);
        return jwt;
    }

    private static Duration untilExpiry(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            // a token without an expiry is checked every time
            return Duration.ZERO;
        }
        Duration left = Duration.between(Instant.now(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
