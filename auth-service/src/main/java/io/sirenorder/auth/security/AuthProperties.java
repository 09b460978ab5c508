package io.sirenorder.auth.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How auth signs tokens and whom it knows from the start. The {@code local} profile ({@code ./siren up}) generates
 * the signing key, adds the documented local users and turns on customers' first sign-in; elsewhere none of it.
 *
 * @param signingKey               the RSA private key tokens are signed with (RS256), PEM-encoded PKCS#8 ({@code
 *                                 -----BEGIN PRIVATE KEY-----}, as {@code openssl genpkey -algorithm RSA} writes
 *                                 it), 2048 bits or more; its public key is published at {@code /oauth2/jwks}. Every
 *                                 instance of auth must have the same one, so that a token from any of them verifies
 *                                 against the keys of all of them
 * @param keyId                    the key's id ({@code kid}) in tokens and in the key set; by default its RFC 7638
 *                                 thumbprint, which every instance computes alike
 * @param generateSigningKey       without a signing key, make one at start (local only): tokens issued before auth
 *                                 restarts are then refused by every service, and their holders sign in again
 * @param customersOnFirstSignIn   an unknown name signing in with itself as the password becomes a customer (local
 *                                 only: anyone at the keyboard may order as anyone)
 * @param users                    users added at start unless one of the name exists (their password is then left
 *                                 alone)
 */
@ConfigurationProperties("siren.auth")
public record AuthProperties(String signingKey,
                             String keyId,
                             @DefaultValue("false") boolean generateSigningKey,
                             @DefaultValue("false") boolean customersOnFirstSignIn,
                             @DefaultValue List<InitialUser> users) {

    public AuthProperties {
        if (isBlank(signingKey) && !generateSigningKey) {
            throw new IllegalStateException("siren.auth.signing-key is not set: auth needs the RSA private key it "
                    + "signs tokens with (PEM, PKCS#8, e.g. from: openssl genpkey -algorithm RSA "
                    + "-pkeyopt rsa_keygen_bits:2048), the same for every instance; only the local profile makes one "
                    + "at start");
        }
        users = List.copyOf(users);
    }

    /** Whether a key is configured, rather than to be generated. */
    boolean hasSigningKey() {
        return !isBlank(signingKey);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * A user to add at start.
     *
     * @param role {@code clerk} or {@code customer}
     */
    public record InitialUser(String name, String password, String role) {

        @Override
        public String toString() {
            return "InitialUser[name=" + name + ", role=" + role + "]";
        }
    }
}
