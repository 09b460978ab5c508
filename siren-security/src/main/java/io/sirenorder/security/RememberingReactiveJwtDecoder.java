package io.sirenorder.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/** The reactive decoder (gateway, notification) with {@link RememberedTokens} in front; a class of its own, so that a
 * servlet service without Reactor never loads it. */
final class RememberingReactiveJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder decoder;
    private final RememberedTokens remembered = new RememberedTokens();

    RememberingReactiveJwtDecoder(ReactiveJwtDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        return remembered.recall(token).map(Mono::just)
                .orElseGet(() -> decoder.decode(token).map(jwt -> remembered.remember(token, jwt)));
    }
}
