package io.sirenorder.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.sirenorder.local.LaunchSettings;
import io.sirenorder.local.Service;
import io.strimzi.api.kafka.model.kafka.Kafka;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The network policies, evaluated as the cluster's network would: a connection passes when the sender's policies
 * let it out and the receiver's let it in (a pod no policy selects is open). The pods are the Deployments' and those
 * the operators make, labelled as Strimzi and CloudNativePG label them, and a few outside the namespace. Every
 * connection the services need passes (the calls the launcher wires, Kafka, each its own database, DNS), and every
 * other connection between them, or from outside to anything but the gateway, is refused.
 */
final class NetworkCheck {

    private static final String NAMESPACE = "siren";

    /** A pod that may connect or be connected to; ports by name. */
    record Pod(String name, String namespace, Map<String, String> labels, Map<String, Integer> ports) {
    }

    private record Connection(Pod from, Pod to, int port) {

        @Override
        public String toString() {
            return from.name() + " reaches " + to.name() + " on " + port;
        }
    }

    private static final Pod OUTSIDE = new Pod("outside", "ingress-nginx", Map.of(), Map.of());
    private static final Pod DNS = new Pod("dns", "kube-system", Map.of("k8s-app", "kube-dns"), Map.of("dns", 53));
    private static final Pod KEDA = new Pod("keda", "keda", Map.of(), Map.of());

    private NetworkCheck() {
    }

    static List<String> problems(Cluster cluster) {
        List<NetworkPolicy> policies = cluster.all(NetworkPolicy.class);
        if (policies.isEmpty()) {
            return List.of();
        }
        Map<String, Pod> pods = pods(cluster);
        Set<Connection> needed = new LinkedHashSet<>();
        for (Deployment deployment : cluster.all(Deployment.class)) {
            Pod pod = pods.get(deployment.getMetadata().getName());
            ServiceFacts facts = ServiceFacts.of(Service.named(pod.name()));
            needed.add(new Connection(pod, DNS, 53));
            facts.launched().values().stream()
                    .filter(value -> value.startsWith("http://127.0.0.1:") && !value.startsWith(LaunchSettings.issuer()))
                    .map(value -> URI.create(value.split(",")[0]).getPort())
                    .forEach(port -> needed.add(new Connection(pod, pods.get(callee(port).id()), port)));
            if (facts.usesKafka()) {
                needed.add(new Connection(pod, pods.get("kafka"), 9092));
            }
            cluster.resolve(Cluster.container(deployment), "SPRING_DATASOURCE_URL").value()
                    .map(url -> url.replaceAll("jdbc:postgresql://(.*)-rw:.*", "$1"))
                    .ifPresent(database -> needed.add(new Connection(pod, pods.get(database), 5432)));
        }
        needed.add(new Connection(OUTSIDE, pods.get("gateway"), LaunchSettings.port(Service.GATEWAY)));
        if (!cluster.generic("ScaledObject").isEmpty()) {
            needed.add(new Connection(KEDA, pods.get("kafka"), 9092));
        }

        List<String> problems = new ArrayList<>();
        needed.stream().filter(connection -> !allowed(policies, connection))
                .forEach(connection -> problems.add("network policies: " + connection.from().name() + " cannot reach "
                        + connection.to().name() + " on " + connection.port() + ", which it needs"));
        for (Pod from : pods.values()) {
            for (Pod to : pods.values()) {
                for (int port : to.ports().values()) {
                    Connection connection = new Connection(from, to, port);
                    boolean ours = from.namespace().equals(NAMESPACE) && from.labels().containsKey("app.kubernetes.io/name");
                    boolean unneeded = (ours || from == OUTSIDE) && to.namespace().equals(NAMESPACE)
                            && !needed.contains(connection);
                    if (unneeded && allowed(policies, connection)) {
                        problems.add("network policies: " + connection + ", which it does not need");
                    }
                }
            }
        }
        return problems;
    }

    /** The Deployments' pods, Kafka's, each database's, and the outside world's by name. */
    private static Map<String, Pod> pods(Cluster cluster) {
        Map<String, Pod> pods = new LinkedHashMap<>();
        for (Deployment deployment : cluster.all(Deployment.class)) {
            pods.put(deployment.getMetadata().getName(), new Pod(deployment.getMetadata().getName(), NAMESPACE,
                    Cluster.podLabels(deployment), Cluster.container(deployment).getPorts().stream()
                    .collect(Collectors.toMap(port -> port.getName(), port -> port.getContainerPort()))));
        }
        for (Kafka kafka : cluster.all(Kafka.class)) {
            pods.put("kafka", new Pod("kafka", NAMESPACE, Map.of("strimzi.io/cluster", kafka.getMetadata().getName(),
                    "strimzi.io/kind", "Kafka", "strimzi.io/broker-role", "true", "strimzi.io/controller-role", "true"),
                    Map.of("plain", 9092, "control", 9090, "replication", 9091)));
        }
        for (GenericKubernetesResource database : cluster.generic("Cluster")) {
            String name = database.getMetadata().getName();
            pods.put(name, new Pod(name, NAMESPACE, Map.of("cnpg.io/cluster", name, "cnpg.io/podRole", "instance"),
                    Map.of("postgresql", 5432, "status", 8000)));
        }
        pods.put(OUTSIDE.name(), OUTSIDE);
        pods.put(DNS.name(), DNS);
        pods.put(KEDA.name(), KEDA);
        return pods;
    }

    private static Service callee(int port) {
        return List.of(Service.values()).stream()
                .filter(service -> service.isHttp() && LaunchSettings.port(service) == port)
                .findFirst().orElseThrow();
    }

    private static boolean allowed(List<NetworkPolicy> policies, Connection connection) {
        return allows(policies, connection.from(), "Egress", connection)
                && allows(policies, connection.to(), "Ingress", connection);
    }

    /** Whether the policies selecting a pod for this direction let the connection pass (all do, if none selects). */
    private static boolean allows(List<NetworkPolicy> policies, Pod pod, String direction, Connection connection) {
        List<NetworkPolicy> selecting = policies.stream()
                .filter(policy -> pod.namespace().equals(NAMESPACE)
                        && Cluster.matches(policy.getSpec().getPodSelector(), pod.labels())
                        && policy.getSpec().getPolicyTypes().contains(direction))
                .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        Pod peer = direction.equals("Egress") ? connection.to() : connection.from();
        return selecting.stream().anyMatch(policy -> direction.equals("Egress")
                ? policy.getSpec().getEgress().stream().anyMatch(rule ->
                        peers(rule.getTo(), peer) && ports(rule.getPorts(), connection))
                : policy.getSpec().getIngress().stream().anyMatch(rule ->
                        peers(rule.getFrom(), peer) && ports(rule.getPorts(), connection)));
    }

    /** No peers: everyone. A pod selector alone: pods of the policy's namespace. An ipBlock: no pod. */
    private static boolean peers(List<NetworkPolicyPeer> peers, Pod pod) {
        return peers.isEmpty() || peers.stream().anyMatch(peer -> peer.getIpBlock() == null
                && (peer.getNamespaceSelector() == null ? pod.namespace().equals(NAMESPACE)
                        : Cluster.matches(peer.getNamespaceSelector(),
                                Map.of("kubernetes.io/metadata.name", pod.namespace())))
                && (peer.getPodSelector() == null || Cluster.matches(peer.getPodSelector(), pod.labels())));
    }

    /** No ports: every port. A named port is the receiving pod's port of that name. */
    private static boolean ports(List<NetworkPolicyPort> ports, Connection connection) {
        return ports.isEmpty() || ports.stream().anyMatch(port -> port.getPort() == null
                || (port.getPort().getIntVal() != null ? port.getPort().getIntVal() == connection.port()
                        : Integer.valueOf(connection.port()).equals(connection.to().ports().get(port.getPort().getStrVal()))));
    }
}
