package io.sirenorder.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/** A token is checked once and then remembered until it expires; anything else is checked as before. */
class RememberingDecodersTest {

    private final List<String> checked = new ArrayList<>();
    private final RememberingDecoders decoders = new RememberingDecoders();

    @Test
    void aTokenCheckedOnceIsRememberedAndAnyOtherTextIsCheckedAnew() {
        JwtDecoder decoder = remembering(token -> check(token, Instant.now().plusSeconds(3600)));

        Jwt first = decoder.decode("token-a");
        assertThat(decoder.decode("token-a")).isSameAs(first);
        decoder.decode("token-a.changed");

        assertThat(checked).containsExactly("token-a", "token-a.changed");
    }

    @Test
    void aRefusedTokenIsNotRememberedAndIsRefusedAgain() {
        JwtDecoder decoder = remembering(token -> {
            checked.add(token);
            throw new BadJwtException("signature does not verify");
        });

        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(checked).containsExactly("forged", "forged");
    }

    @Test
    void aTokenIsNeverRecalledPastItsExpiry() {
        // the decoder's clock skew lets a token through shortly after its exp: then it is checked every time
        JwtDecoder decoder = remembering(token -> check(token, Instant.now().minusSeconds(1)));

        decoder.decode("expiring");
        decoder.decode("expiring");

        assertThat(checked).containsExactly("expiring", "expiring");
    }

    @Test
    void theReactiveDecoderRemembersAlike() {
        ReactiveJwtDecoder decoder = (ReactiveJwtDecoder) decoders.postProcessAfterInitialization(
                (ReactiveJwtDecoder) token -> Mono.fromSupplier(() -> check(token, Instant.now().plusSeconds(3600))),
                "jwtDecoder");

        Jwt first = decoder.decode("token-b").block();
        assertThat(decoder.decode("token-b").block()).isSameAs(first);
        assertThat(checked).containsExactly("token-b");
    }

    @Test
    void otherBeansAreLeftAlone() {
        Object bean = new Object();

        assertThat(decoders.postProcessAfterInitialization(bean, "other")).isSameAs(bean);
    }

    private JwtDecoder remembering(JwtDecoder decoder) {
        return (JwtDecoder) decoders.postProcessAfterInitialization(decoder, "jwtDecoder");
    }

    private Jwt check(String token, Instant expiresAt) {
        checked.add(token);
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("ada").issuedAt(expiresAt.minusSeconds(3600))
                .expiresAt(expiresAt).build();
    }
}
