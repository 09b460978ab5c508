package io.sirenorder.testing.security;

import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Makes every Spring test context trust {@link TestIssuer}, as {@code ./siren up} makes every service trust the
 * auth service: the two resource server properties, with the lowest precedence, so that a test may still point a
 * service elsewhere. Registered in {@code META-INF/spring.factories}.
 */
public final class TestIssuerContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return new TrustTestIssuer();
    }

    /** A record: equal for every test class, so that it does not split Spring's context cache. */
    private record TrustTestIssuer() implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            context.getEnvironment().getPropertySources().addLast(new MapPropertySource("testIssuer", Map.of(
                    "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TestIssuer.get().jwkSetUri(),
                    "spring.security.oauth2.resourceserver.jwt.issuer-uri", TestIssuer.ISSUER)));
        }
    }
}
