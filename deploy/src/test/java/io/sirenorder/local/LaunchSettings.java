package io.sirenorder.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings {@code ./siren up --postgres} gives each service, on the usual ports, for the manifest test of
 * {@code deploy/}: the manifests must give a service what the launcher gives it. The launcher keeps them to itself
 * ({@link Topology}'s arguments are package-private); this class, in the launcher's package but among deploy's
 * tests, reads them without widening siren-local's API.
 */
public final class LaunchSettings {

    /**
     * One instance of each: on Kubernetes a Service balances over a service's instances, and the preStop sleep does
     * what the launcher's drain (siren.shutdown.drain, given to side-by-side instances) does on one machine.
     */
    private static final Topology TOPOLOGY = new Topology(Path.of(".siren"), true, false, false, 1,
            Topology.everyService(true, false), Topology.assignPorts(Map.of(), false, 1));

    private LaunchSettings() {
    }

    /** Each {@code --name=value} argument of the service, as name and value, in the launcher's order. */
    public static Map<String, String> of(Service service) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String argument : TOPOLOGY.arguments(service)) {
            int equals = argument.indexOf('=');
            settings.put(argument.substring(2, equals), argument.substring(equals + 1));
        }
        return settings;
    }

    /** The port a service listens on. */
    public static int port(Service service) {
        return TOPOLOGY.port(service);
    }

    /** The issuer every token names locally: the gateway's address, which a cluster replaces by its public one. */
    public static String issuer() {
        return TOPOLOGY.issuer();
    }
}
