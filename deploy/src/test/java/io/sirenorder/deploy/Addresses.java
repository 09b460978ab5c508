package io.sirenorder.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.sirenorder.local.LaunchSettings;
import io.sirenorder.local.Service;
import io.strimzi.api.kafka.model.kafka.Kafka;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A setting's value in the cluster against the launcher's value of the same setting: where the launcher names
 * another process on this machine, the cluster must name the same process its own way.
 * <ul>
 * <li>the gateway's address, where browsers come (the issuer, the web app's redirect): the public URL;</li>
 * <li>another service ({@code http://127.0.0.1:8082}): a Service that selects that service's pods and passes the
 * port to the port it serves;</li>
 * <li>PostgreSQL's database {@code x}: the primary ({@code <cluster>-rw}) of a CloudNativePG Cluster bootstrapping
 * database {@code x};</li>
 * <li>Kafka: the bootstrap Service of the Strimzi Kafka, on its plain listener.</li>
 * </ul>
 * Anything else (a port) must be the same.
 */
final class Addresses {

    private static final String LOOPBACK = "http://127.0.0.1:";

    private Addresses() {
    }

    /** Why the cluster's value of a setting does not stand for the launcher's; empty when it does. */
    static Optional<String> check(Cluster cluster, Service service, String property, String launcherValue,
            String value) {
        if (value.equals("<secret>")) {
            return Optional.empty();
        }
        String launched = launcherValue.split(",")[0];
        Optional<String> wrong;
        if (launched.startsWith(LaunchSettings.issuer())) {
            String expected = publicUrl(cluster) + launched.substring(LaunchSettings.issuer().length());
            wrong = value.equals(expected) ? Optional.empty() : Optional.of("should be " + expected);
        } else if (launched.startsWith(LOOPBACK)) {
            wrong = service(cluster, URI.create(launched), URI.create(value));
        } else if (launched.startsWith("jdbc:postgresql:")) {
            wrong = database(cluster, launched.substring(launched.lastIndexOf('/') + 1), value);
        } else if (property.equals("spring.kafka.bootstrap-servers")) {
            wrong = kafka(cluster, value);
        } else {
            wrong = value.equals(launched) ? Optional.empty() : Optional.of("the launcher gives " + launched);
        }
        return wrong.map(why -> property + " = " + value + ": " + why);
    }

    /** The address customers and clerks reach the gateway at: the ConfigMap's public-url. */
    static String publicUrl(Cluster cluster) {
        return cluster.all(ConfigMap.class).stream()
                .map(configMap -> configMap.getData().get("public-url"))
                .filter(url -> url != null)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no ConfigMap has the public-url"));
    }

    private static Optional<String> service(Cluster cluster, URI launched, URI value) {
        Service callee = Arrays.stream(Service.values())
                .filter(candidate -> candidate.isHttp() && LaunchSettings.port(candidate) == launched.getPort())
                .findFirst().orElseThrow();
        String host = value.getHost() == null ? "" : value.getHost().split("\\.")[0];
        var kubernetesService = cluster.find(io.fabric8.kubernetes.api.model.Service.class, host);
        if (kubernetesService.isEmpty()) {
            return Optional.of("no Service " + host + " (" + callee + " is meant)");
        }
        List<Deployment> selected = cluster.selected(new io.fabric8.kubernetes.api.model.LabelSelector(List.of(),
                kubernetesService.get().getSpec().getSelector()));
        if (selected.size() != 1 || !selected.getFirst().getMetadata().getName().equals(callee.id())) {
            return Optional.of("Service " + host + " does not select " + callee + "'s pods alone");
        }
        boolean served = kubernetesService.get().getSpec().getPorts().stream()
                .filter(port -> port.getPort() == value.getPort())
                .flatMap(port -> Cluster.containerPort(selected.getFirst(), port.getTargetPort()).stream())
                .anyMatch(port -> port.getContainerPort() == LaunchSettings.port(callee));
        if (!served) {
            return Optional.of("Service " + host + " has no port " + value.getPort() + " leading to " + callee
                    + "'s port " + LaunchSettings.port(callee));
        }
        return launched.getPath().equals(value.getPath()) ? Optional.empty()
                : Optional.of("the path should be " + launched.getPath());
    }

    private static Optional<String> database(Cluster cluster, String database, String value) {
        for (GenericKubernetesResource postgres : cluster.generic("Cluster")) {
            String name = postgres.getMetadata().getName();
            Object bootstrapped = CustomResources.field(postgres, "spec", "bootstrap", "initdb", "database");
            if (value.equals("jdbc:postgresql://" + name + "-rw:5432/" + database) && database.equals(bootstrapped)) {
                return Optional.empty();
            }
        }
        return Optional.of("should be jdbc:postgresql://<cluster>-rw:5432/" + database
                + " of a CloudNativePG Cluster that bootstraps database " + database);
    }

    private static Optional<String> kafka(Cluster cluster, String value) {
        for (Kafka kafka : cluster.all(Kafka.class)) {
            String service = kafka.getMetadata().getName() + "-kafka-bootstrap";
            boolean plain = kafka.getSpec().getKafka().getListeners().stream()
                    .filter(listener -> !listener.isTls())
                    .anyMatch(listener -> value.matches(service + "(\\.[a-z0-9.-]+)?:" + listener.getPort()));
            if (plain) {
                return Optional.empty();
            }
        }
        return Optional.of("names no plain listener of a Strimzi Kafka's bootstrap Service");
    }
}
