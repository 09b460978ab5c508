package io.sirenorder.deploy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.sirenorder.events.Topics;
import io.sirenorder.local.Service;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Kafka as the services expect it: a KRaft cluster, the topics siren-events names with the dead-letter topic of
 * each, as many partitions and replicas as every service asks for (siren.messaging.*), no more replicas than
 * brokers, and room for one broker to be down.
 */
final class KafkaCheck {

    static final Set<String> TOPICS = Set.of(Topics.PRODUCT_EVENTS, Topics.deadLetter(Topics.PRODUCT_EVENTS),
            Topics.ORDER_EVENTS, Topics.deadLetter(Topics.ORDER_EVENTS));

    private static final String CLUSTER_LABEL = "strimzi.io/cluster";

    private KafkaCheck() {
    }

    static List<String> problems(Cluster cluster) {
        List<String> problems = new ArrayList<>();
        List<Kafka> kafkas = cluster.all(Kafka.class);
        if (kafkas.size() != 1) {
            return List.of("expected one Strimzi Kafka, found " + kafkas.size());
        }
        Kafka kafka = kafkas.getFirst();
        String name = kafka.getMetadata().getName();
        List<KafkaNodePool> pools = cluster.all(KafkaNodePool.class);
        pools.stream().filter(pool -> !name.equals(pool.getMetadata().getLabels().get(CLUSTER_LABEL)))
                .forEach(pool -> problems.add("KafkaNodePool " + pool.getMetadata().getName() + " belongs to no Kafka"));
        if (nodes(pools, ProcessRoles.CONTROLLER) == 0) {
            problems.add("Kafka " + name + " has no controller nodes: KRaft needs them");
        }
        int brokers = nodes(pools, ProcessRoles.BROKER);

        Set<String> services = settings(cluster, "siren.messaging.replicas");
        int partitions = partitions(cluster);
        Set<String> names = new TreeSet<>();
        for (KafkaTopic topic : cluster.all(KafkaTopic.class)) {
            String topicName = Objects.requireNonNullElse(topic.getSpec().getTopicName(), topic.getMetadata().getName());
            names.add(topicName);
            String which = "KafkaTopic " + topicName + ": ";
            if (!name.equals(topic.getMetadata().getLabels().get(CLUSTER_LABEL))) {
                problems.add(which + "labelled for no Kafka (" + CLUSTER_LABEL + ")");
            }
            if (topic.getSpec().getPartitions() != partitions) {
                problems.add(which + topic.getSpec().getPartitions() + " partitions, the services expect " + partitions);
            }
            int replicas = topic.getSpec().getReplicas();
            if (!services.equals(Set.of(String.valueOf(replicas)))) {
                problems.add(which + replicas + " replicas, the services make topics with " + services);
            }
            if (replicas > brokers) {
                problems.add(which + replicas + " replicas on " + brokers + " brokers");
            }
            int minInSync = Integer.parseInt(String.valueOf(Stream.of(topic.getSpec().getConfig(),
                            kafka.getSpec().getKafka().getConfig())
                    .filter(Objects::nonNull).map(config -> config.get("min.insync.replicas"))
                    .filter(Objects::nonNull).findFirst().orElse(1)));
            if (minInSync > replicas || (replicas > 1 && minInSync == replicas)) {
                problems.add(which + "min.insync.replicas " + minInSync + " of " + replicas
                        + " replicas: one broker down would stop its producers");
            }
        }
        if (!names.equals(new TreeSet<>(TOPICS))) {
            problems.add("KafkaTopics " + names + ", but siren-events and the dead letters name " + new TreeSet<>(TOPICS));
        }
        return problems;
    }

    /** The partitions every service asks for (siren.messaging.partitions); a problem if they disagree. */
    static int partitions(Cluster cluster) {
        Set<String> partitions = settings(cluster, "siren.messaging.partitions");
        if (partitions.size() != 1) {
            throw new IllegalStateException("the services disagree on siren.messaging.partitions: " + partitions);
        }
        return Integer.parseInt(partitions.iterator().next());
    }

    /** What the services that use Kafka set a siren.messaging property to, or its default where unset. */
    private static Set<String> settings(Cluster cluster, String property) {
        String fallback = ServiceFacts.messagingDefaults().get(property);
        Set<String> values = new TreeSet<>();
        for (Deployment deployment : cluster.all(Deployment.class)) {
            if (ServiceFacts.of(Service.named(deployment.getMetadata().getName())).usesKafka()) {
                var container = Cluster.container(deployment);
                values.add(container.getEnv().stream()
                        .filter(variable -> ServiceFacts.variables(property).contains(variable.getName()))
                        .findFirst()
                        .map(variable -> cluster.resolve(container, variable.getName()).value().orElse("?"))
                        .orElse(fallback));
            }
        }
        return values;
    }

    private static int nodes(List<KafkaNodePool> pools, ProcessRoles role) {
        return pools.stream().filter(pool -> pool.getSpec().getRoles().contains(role))
                .mapToInt(pool -> pool.getSpec().getReplicas()).sum();
    }

}
