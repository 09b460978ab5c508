package io.sirenorder.auth.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.text.ParseException;

/** Reads an access token as a service would: its signature checked against auth's published key set. */
final class Tokens {

    private Tokens() {
    }

    /** The key set auth publishes at {@code /oauth2/jwks}. */
    static JWKSet keySet(String authBaseUrl) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            var response = http.send(HttpRequest.newBuilder(URI.create(authBaseUrl + "/oauth2/jwks")).build(),
                    BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET /oauth2/jwks answered " + response.statusCode());
            }
            return JWKSet.parse(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        catch (ParseException e) {
            throw new AssertionError("the key set is not one", e);
        }
    }

    /** The token's claims, once its RS256 signature verifies with the key of its {@code kid} in the key set. */
    static JWTClaimsSet verifiedClaims(String token, JWKSet keys) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
                throw new AssertionError("signed with " + jwt.getHeader().getAlgorithm() + ", not RS256");
            }
            JWK key = keys.getKeyByKeyId(jwt.getHeader().getKeyID());
            if (key == null) {
                throw new AssertionError("no key " + jwt.getHeader().getKeyID() + " in " + keys);
            }
            if (!jwt.verify(new RSASSAVerifier(key.toRSAKey()))) {
                throw new AssertionError("the signature does not verify with key " + key.getKeyID());
            }
            return jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException e) {
            throw new AssertionError("not a signed JWT: " + token, e);
        }
    }
}
