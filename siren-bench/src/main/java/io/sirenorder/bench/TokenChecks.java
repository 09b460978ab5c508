package io.sirenorder.bench;

import java.time.Duration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * What checking one access token costs, as the gateway and every service check it: Spring Security's Nimbus decoder
 * with the auth service's key set (fetched once, then cached) and the issuer, signature and expiry validated. On one
 * thread, so the time is CPU time; an order is checked three times (gateway, order, product).
 */
final class TokenChecks {

    /** The checks of one order: at the gateway, at order, and at product for the availability check. */
    static final int PER_ORDER = 3;

    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final Duration MEASURED = Duration.ofSeconds(5);

    private TokenChecks() {
    }

    /** Microseconds one check of {@code token} takes, against the key set at {@code jwkSetUri}. */
    static double microsPerCheck(String jwkSetUri, String issuer, String token) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        checkFor(decoder, token, WARM_UP);
        return MEASURED.toNanos() / 1e3 / checkFor(decoder, token, MEASURED);
    }

    private static long checkFor(JwtDecoder decoder, String token, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        long checks = 0;
        while (System.nanoTime() < end) {
            decoder.decode(token);
            checks++;
        }
        return checks;
    }
}
