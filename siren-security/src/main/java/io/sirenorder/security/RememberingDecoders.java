package io.sirenorder.security;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Puts {@link RememberedTokens} in front of the token decoder Spring Boot builds from the resource server's
 * properties, servlet or reactive, leaving its checks as they are: a token not remembered is checked by it.
 */
final class RememberingDecoders implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof JwtDecoder decoder) {
            var remembered = new RememberedTokens();
            return (JwtDecoder) token -> remembered.recall(token)
                    .orElseGet(() -> remembered.remember(token, decoder.decode(token)));
        }
        if (bean instanceof ReactiveJwtDecoder decoder) {
            return new RememberingReactiveJwtDecoder(decoder);
        }
        return bean;
    }
}
