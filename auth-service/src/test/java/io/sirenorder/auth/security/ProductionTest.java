package io.sirenorder.auth.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import io.sirenorder.auth.AuthApplication;
import io.sirenorder.auth.application.Accounts;
import io.sirenorder.local.SignIn;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Auth outside the local profile, as in production: its signing key comes from configuration, the same in every
 * instance; nobody is there but whom configuration names, and nobody is made at sign-in.
 */
class ProductionTest {

    private static final String KEY = pem(2048);

    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void withoutASigningKeyAuthDoesNotStartAndSaysWhy() {
        assertThatThrownBy(() -> startFailing("no-key"))
                .rootCause()
                .hasMessageStartingWith("siren.auth.signing-key is not set: auth needs the RSA private key it signs "
                        + "tokens with");
    }

    @Test
    void withoutAnIssuerAuthDoesNotStartAndSaysWhy() {
        assertThatThrownBy(() -> startFailing("no-issuer", "--siren.auth.signing-key=" + KEY,
                "--spring.security.oauth2.authorizationserver.issuer="))
                .rootCause()
                .hasMessageStartingWith("spring.security.oauth2.authorizationserver.issuer is not set");
    }

    @Test
    void anUnusableKeyIsRefusedWithTheReason() {
        assertThatThrownBy(() -> startFailing("small-key", "--siren.auth.signing-key=" + pem(1024)))
                .rootCause()
                .hasMessage("siren.auth.signing-key is not usable: it has 1024 bits; RS256 needs 2048 or more");
    }

    @Test
    void instancesWithTheSameKeyPublishTheSameKeyAndVerifyEachOthersTokens() {
        String one = baseUrl(start("one", "--siren.auth.signing-key=" + KEY, "--siren.auth.key-id=siren-1",
                "--siren.auth.users[0].name=clerk", "--siren.auth.users[0].password=counter",
                "--siren.auth.users[0].role=clerk"));
        String two = baseUrl(start("two", "--siren.auth.signing-key=" + KEY, "--siren.auth.key-id=siren-1",
                "--siren.auth.users[0].name=clerk", "--siren.auth.users[0].password=counter",
                "--siren.auth.users[0].role=clerk"));

        JWKSet keysOfOne = Tokens.keySet(one);
        JWKSet keysOfTwo = Tokens.keySet(two);
        assertThat(keysOfOne.toJSONObject()).isEqualTo(keysOfTwo.toJSONObject());
        assertThat(keysOfOne.getKeys()).singleElement().satisfies(key -> {
            assertThat(key.getKeyID()).isEqualTo("siren-1");
            assertThat(key.isPrivate()).as("only the public key is published").isFalse();
        });

        try (SignIn atOne = new SignIn(one); SignIn atTwo = new SignIn(two)) {
            assertThat(Tokens.verifiedClaims(atOne.accessToken("clerk", "counter"), keysOfTwo).getSubject())
                    .isEqualTo("clerk");
            assertThat(Tokens.verifiedClaims(atTwo.accessToken("clerk", "counter"), keysOfOne).getClaim("roles"))
                    .isEqualTo(List.of("clerk"));
        }
    }

    @Test
    void nobodyIsThereByDefaultAndNobodyIsMadeAtSignIn() {
        ConfigurableApplicationContext auth = start("nobody", "--siren.auth.signing-key=" + KEY);
        Accounts accounts = auth.getBean(Accounts.class);

        try (SignIn signIn = new SignIn(baseUrl(auth))) {
            for (String documented : List.of("clerk", "alice", "bob")) {
                assertThatThrownBy(() -> signIn.accessToken(documented, documented))
                        .hasMessage("wrong password for " + documented + ", or no such user");
                assertThat(accounts.named(documented)).isEmpty();
            }
        }
    }

    @Test
    void withoutAKeyIdTheKeysThumbprintNamesItAlikeEverywhere() {
        var key = SigningKey.fromPem(KEY, null);

        assertThat(key.getKeyID()).isEqualTo(SigningKey.fromPem(KEY, " ").getKeyID()).hasSize(43);
    }

    /** Auth, which is expected not to start: Spring Boot's report of why is not logged. */
    private void startFailing(String name, String... args) {
        start(name, Stream.concat(Stream.of(args), Stream.of("--logging.level.org.springframework.boot=OFF"))
                .toArray(String[]::new));
    }

    /** Auth without the local profile, on a free port, with a database of its own. */
    private ConfigurableApplicationContext start(String name, String... args) {
        var application = new SpringApplication(AuthApplication.class);
        ConfigurableApplicationContext context = application.run(Stream.concat(Stream.of("--server.port=0",
                "--server.address=127.0.0.1", "--spring.datasource.url=jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1"),
                Stream.of(args)).toArray(String[]::new));
        started.add(context);
        return context;
    }

    private static String baseUrl(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** A new RSA private key, as {@code openssl genpkey -algorithm RSA} writes it. */
    private static String pem(int bits) {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
