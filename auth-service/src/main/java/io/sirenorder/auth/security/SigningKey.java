package io.sirenorder.auth.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/** The RSA key auth signs tokens with (RS256): read from configuration, or made at start. */
final class SigningKey {

    private static final int MIN_BITS = 2048;
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private SigningKey() {
    }

    /**
     * The key from its PEM-encoded PKCS#8 private key, with its public key derived from it.
     *
     * @param keyId the key's id; when blank, its RFC 7638 thumbprint
     */
    static RSAKey fromPem(String pem, String keyId) {
        String text = pem.strip();
        if (text.contains("BEGIN RSA PRIVATE KEY")) {
            throw invalid("it is a PKCS#1 key (BEGIN RSA PRIVATE KEY); convert it to PKCS#8 with: "
                    + "openssl pkcs8 -topk8 -nocrypt -in <key.pem>");
        }
        if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
            throw invalid("it must be a PEM-encoded PKCS#8 private key, from " + BEGIN + " to " + END);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(BEGIN.length(), text.length() - END.length()));
        } catch (IllegalArgumentException e) {
            throw invalid("its body is not Base64");
        }
        RSAPrivateCrtKey privateKey;
        RSAPublicKey publicKey;
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (!(rsa.generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey crtKey)) {
                throw invalid("it has no public exponent to derive the public key from");
            }
            privateKey = crtKey;
            publicKey = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(crtKey.getModulus(), crtKey.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw invalid("it is not an RSA private key (" + e.getMessage() + ")");
        }
        if (privateKey.getModulus().bitLength() < MIN_BITS) {
            throw invalid("it has " + privateKey.getModulus().bitLength() + " bits; RS256 needs " + MIN_BITS
                    + " or more");
        }
        return build(publicKey, privateKey, keyId);
    }

    /** A new key, which lives as long as this process. */
    static RSAKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(MIN_BITS);
            KeyPair pair = generator.generateKeyPair();
            return build((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an RSA key", e);
        }
    }

    private static RSAKey build(RSAPublicKey publicKey, RSAPrivateKey privateKey, String keyId) {
        RSAKey withoutId = new RSAKey.Builder(publicKey).privateKey(privateKey)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .build();
        try {
            String id = keyId == null || keyId.isBlank() ? withoutId.computeThumbprint().toString() : keyId;
            return new RSAKey.Builder(withoutId).keyID(id).build();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute the key's thumbprint", e);
        }
    }

    private static AuthMisconfigured invalid(String why) {
        return new AuthMisconfigured("siren.auth.signing-key is not usable: " + why, "Set siren.auth.signing-key "
                + "to an RSA private key of 2048 bits or more, PEM-encoded PKCS#8, e.g. made with: openssl genpkey "
                + "-algorithm RSA -pkeyopt rsa_keygen_bits:2048");
    }
}
