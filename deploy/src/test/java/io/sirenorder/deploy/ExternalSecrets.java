package io.sirenorder.deploy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Secrets the manifests read but do not contain, each named here with its keys: those an operator makes, and
 * those made by hand because they must never be in Git. A reference to any other Secret, or to a key one of these
 * does not have, is a pod that would not start.
 */
final class ExternalSecrets {

    /**
     * CloudNativePG writes the credentials of a Cluster's application user (the owner of its bootstrap database) to
     * {@code <cluster>-app}, as a basic-auth Secret with these keys.
     */
    static final Set<String> CLOUDNATIVE_PG_APP_KEYS = Set.of("username", "user", "password", "dbname", "host",
            "port", "pgpass", "uri", "jdbc-uri", "fqdn-uri", "fqdn-jdbc-uri");

    /** Made by hand before the first deployment, as the README's "Run on Kubernetes" says. */
    static final Map<String, Set<String>> BY_HAND = Map.of(
            // auth's signing key (PEM, PKCS#8) and the first clerk: without them auth does not start
            "siren-auth", Set.of("signing-key", "clerk-name", "clerk-password"),
            // the production Ingress's certificate (cert-manager's or bought)
            "sirenorder-tls", Set.of("tls.crt", "tls.key"));

    private ExternalSecrets() {
    }

    /** Why a reference to this key of this Secret, which the cluster does not contain, would fail; empty if not. */
    static Optional<String> check(Cluster cluster, String secret, String key) {
        Set<String> keys;
        if (BY_HAND.containsKey(secret)) {
            keys = BY_HAND.get(secret);
        } else if (secret.endsWith("-app") && cluster.generic("Cluster").stream()
                .anyMatch(database -> (database.getMetadata().getName() + "-app").equals(secret))) {
            keys = CLOUDNATIVE_PG_APP_KEYS;
        } else {
            return Optional.of("Secret " + secret + " is neither in the manifests, nor made by an operator, nor one "
                    + "made by hand (" + String.join(", ", BY_HAND.keySet()) + ")");
        }
        return keys.contains(key) ? Optional.empty()
                : Optional.of("Secret " + secret + " has no key " + key + " (it has " + keys + ")");
    }
}
