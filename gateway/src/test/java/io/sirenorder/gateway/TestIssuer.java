package io.sirenorder.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.sun.net.httpserver.HttpServer;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * auth, as far as the gateway knows it: an RSA key whose public half is served as a JWK set from a small HTTP server
 * on a free loopback port ({@code /oauth2/jwks}), and RS256 access tokens signed with it as auth signs them
 * ({@code iss} the gateway's address, {@code sub} the user, {@code roles}). One per test JVM; every gateway test's
 * application context is pointed at it ({@link Properties}, registered in {@code META-INF/spring.factories}), so
 * that no test class has to.
 * <p>
 * It also makes the tokens the gateway must refuse: expired, from another issuer, signed with another key, altered
 * after signing, and unsigned ({@code alg: none}).
 */
final class TestIssuer {

    /** The gateway's public base URL in the tests, which auth writes into every token as its issuer. */
    static final String ISSUER = "http://gateway.test";

    private static final TestIssuer INSTANCE = new TestIssuer();

    private final HttpServer jwks;
    private final RSAKey key = newKey("siren-test");
    private final NimbusJwtEncoder encoder = encoderFor(key);

    private TestIssuer() {
        try {
            jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] keySet = new JWKSet(key).toString(true).getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/oauth2/jwks", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
                exchange.sendResponseHeaders(200, keySet.length);
                exchange.getResponseBody().write(keySet);
            }
        });
        jwks.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        jwks.start();
        // the JVM ends with the tests; the server's threads do not hold it up
    }

    static TestIssuer get() {
        return INSTANCE;
    }

    String jwkSetUri() {
        return "http://127.0.0.1:" + jwks.getAddress().getPort() + "/oauth2/jwks";
    }

    /** A valid token for the user, for the next five minutes. */
    String token(String subject, String... roles) {
        return sign(encoder, key, claims(ISSUER, subject, Instant.now(), roles));
    }

    String clerk() {
        return token("kim", EdgeSecurity.CLERK);
    }

    String customer() {
        return token("lee", EdgeSecurity.CUSTOMER);
    }

    /** A token that expired ten minutes ago (well beyond the minute of clock skew a resource server allows). */
    String expired(String subject, String... roles) {
        return sign(encoder, key, claims(ISSUER, subject, Instant.now().minus(Duration.ofMinutes(15)), roles));
    }

    /** A token that names another issuer, signed with the right key. */
    String fromIssuer(String issuer, String subject, String... roles) {
        return sign(encoder, key, claims(issuer, subject, Instant.now(), roles));
    }

    /** A token signed with a key of the same id that is not the issuer's. */
    String signedWithAnotherKey(String subject, String... roles) {
        RSAKey other = newKey(key.getKeyID());
        return sign(encoderFor(other), other, claims(ISSUER, subject, Instant.now(), roles));
    }

    /** A valid token whose claims were changed after it was signed: a customer who made themselves a clerk. */
    String tampered(String subject, String role, String claimedRole) {
        String[] parts = token(subject, role).split("\\.");
        String claims = decode(parts[1]);
        String altered = claims.replace("\"" + role + "\"", "\"" + claimedRole + "\"");
        if (altered.equals(claims)) {
            throw new IllegalStateException("No role " + role + " in " + claims);
        }
        return parts[0] + "." + encode(altered) + "." + parts[2];
    }

    /** An unsigned token ({@code alg: none}) with claims that would otherwise be valid. */
    String unsigned(String subject, String... roles) {
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"%s\",\"sub\":\"%s\",\"roles\":[%s],\"iat\":%d,\"exp\":%d}".formatted(ISSUER,
                subject, String.join(",", List.of(roles).stream().map(r -> "\"" + r + "\"").toList()), now,
                now + 300);
        return encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode(claims) + ".";
    }

    private static JwtClaimsSet claims(String issuer, String subject, Instant issuedAt, String... roles) {
        return JwtClaimsSet.builder()
                .issuer(issuer)
                .subject(subject)
                .issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(Duration.ofMinutes(5)))
                .claim("roles", List.of(roles))
                .build();
    }

    private static String sign(NimbusJwtEncoder encoder, RSAKey key, JwtClaimsSet claims) {
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    private static NimbusJwtEncoder encoderFor(RSAKey key) {
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
    }

    private static RSAKey newKey(String keyId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(keyId)
                    .build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    /**
     * Points every gateway test's context at the issuer, as the launcher points the gateway at auth. One instance,
     * so that contexts that differ in nothing else are still shared between test classes.
     */
    static final class Properties implements ContextCustomizerFactory, ContextCustomizer {

        private static final Properties CUSTOMIZER = new Properties();

        @Override
        public ContextCustomizer createContextCustomizer(Class<?> testClass,
                List<ContextConfigurationAttributes> configAttributes) {
            return CUSTOMIZER;
        }

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testIssuer", Map.of(
                    "spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER,
                    "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", get().jwkSetUri())));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Properties;
        }

        @Override
        public int hashCode() {
            return Properties.class.hashCode();
        }
    }
}
