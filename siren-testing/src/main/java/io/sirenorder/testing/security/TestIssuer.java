package io.sirenorder.testing.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.sun.net.httpserver.HttpServer;
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
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * A stand-in for the auth service in a service's tests: it signs access tokens as auth does (RS256, {@code sub},
 * {@code roles}) and publishes its key as a JWK set on this machine's loopback, so that the service under test checks
 * them exactly as it checks auth's, through {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}. Every
 * Spring test context of a project with siren-testing on its test classpath trusts it (see
 * {@link TestIssuerContextCustomizerFactory}); a test names who calls by the token it sends.
 * <p>
 * It also makes the tokens a service must refuse: expired, signed with another key, from another issuer, tampered
 * with after signing, and unsigned ({@code alg: none}).
 */
public final class TestIssuer {

    /** The issuer the services under test expect, as {@code ./siren up} makes them expect the gateway's address. */
    public static final String ISSUER = "http://sirenorder.test";

    private static final Duration LIFETIME = Duration.ofHours(1);
    private static final TestIssuer INSTANCE = new TestIssuer();

    private final JwtEncoder encoder;
    private final JwtEncoder stranger;
    private final String keyId = "test-" + UUID.randomUUID();
    private final String jwkSetUri;

    private TestIssuer() {
        RSAKey key = rsaKey(keyId);
        encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        // same key id, other key: what a forger would send
        stranger = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(rsaKey(keyId))));
        jwkSetUri = serve(new JWKSet(key.toPublicJWK()).toString());
    }

    public static TestIssuer get() {
        return INSTANCE;
    }

    public String jwkSetUri() {
        return jwkSetUri;
    }

    /** The command-line arguments that make a service started outside Spring's test context trust this issuer. */
    public List<String> trustingArguments() {
        return List.of("--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + jwkSetUri,
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + ISSUER);
    }

    /** A valid token of a clerk. */
    public String clerk() {
        return token("clerk", "clerk");
    }

    /** A valid token of the customer {@code name}. */
    public String customer(String name) {
        return token(name, "customer");
    }

    /** A valid token: {@code subject} with the one role {@code role}. */
    public String token(String subject, String role) {
        return sign(encoder, ISSUER, subject, role, Instant.now());
    }

    public String expired(String subject, String role) {
        return sign(encoder, ISSUER, subject, role, Instant.now().minus(LIFETIME).minus(Duration.ofMinutes(5)));
    }

    public String signedByAnotherKey(String subject, String role) {
        return sign(stranger, ISSUER, subject, role, Instant.now());
    }

    public String fromAnotherIssuer(String subject, String role) {
        return sign(encoder, "http://elsewhere.test", subject, role, Instant.now());
    }

    /** A good token whose claims were then changed: a customer making themselves a clerk. */
    public String tampered(String subject) {
        String[] parts = customer(subject).split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"customer\"", "\"clerk\"");
        return parts[0] + "." + base64(claims) + "." + parts[2];
    }

    /** {@code alg: none}: claims with no signature at all. */
    public String unsigned(String subject, String role) {
        String[] parts = token(subject, role).split("\\.");
        return base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
    }

    private String sign(JwtEncoder by, String issuer, String subject, String role, Instant issuedAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .subject(subject)
                .issuedAt(issuedAt)
                .notBefore(issuedAt)
                .expiresAt(issuedAt.plus(LIFETIME))
                .claim("roles", List.of(role))
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keyId).build();
        return by.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static RSAKey rsaKey(String keyId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(keyId).build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK cannot make RSA keys", e);
        }
    }

    /** The JWK set at {@code http://127.0.0.1:<free port>/jwks}, for as long as the test JVM lives. */
    private static String serve(String jwkSet) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] body = jwkSet.getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "test-issuer-stop"));
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the test issuer's keys", e);
        }
    }
}
