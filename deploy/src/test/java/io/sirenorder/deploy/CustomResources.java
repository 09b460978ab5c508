package io.sirenorder.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.sirenorder.local.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kinds without a typed model here, CloudNativePG's Cluster and KEDA's ScaledObject, checked field by field:
 * each object may use only the fields named here (so a misspelling fails as it would against the operator's
 * schema), and what they say must fit the rest.
 */
final class CustomResources {

    private static final Set<String> CLUSTER_SPEC = Set.of("instances", "storage", "bootstrap", "imageName",
            "resources", "postgresql", "affinity", "enablePDB", "monitoring");
    private static final Set<String> SCALED_OBJECT_SPEC = Set.of("scaleTargetRef", "minReplicaCount",
            "maxReplicaCount", "pollingInterval", "cooldownPeriod", "triggers", "advanced", "fallback");
    private static final Set<String> KAFKA_TRIGGER = Set.of("bootstrapServers", "consumerGroup", "topic",
            "lagThreshold", "activationLagThreshold", "offsetResetPolicy", "allowIdleConsumers",
            "limitToPartitionsWithLag", "excludePersistentLag", "scaleToZeroOnInvalidOffset");

    private CustomResources() {
    }

    /** A field of an object without a model, by its path; null where there is none. */
    static Object field(GenericKubernetesResource object, String... path) {
        Object field = object.getAdditionalProperties();
        for (String name : path) {
            field = field instanceof Map<?, ?> map ? map.get(name) : null;
        }
        return field;
    }

    static List<String> problems(Cluster cluster) {
        List<String> problems = new ArrayList<>();
        cluster.generic("Cluster").forEach(postgres -> postgres(postgres, problems));
        cluster.generic("ScaledObject").forEach(scaled -> scaledObject(cluster, scaled, problems));
        cluster.all(GenericKubernetesResource.class).stream()
                .filter(object -> !Set.of("Cluster", "ScaledObject").contains(object.getKind()))
                .forEach(object -> problems.add(object.getKind() + " " + object.getMetadata().getName()
                        + ": a kind nothing here checks (" + object.getApiVersion() + ")"));
        return problems;
    }

    private static void postgres(GenericKubernetesResource postgres, List<String> problems) {
        String name = "Cluster " + postgres.getMetadata().getName() + ": ";
        unknown(name + "spec", field(postgres, "spec"), CLUSTER_SPEC, problems);
        unknown(name + "spec.bootstrap", field(postgres, "spec", "bootstrap"), Set.of("initdb"), problems);
        unknown(name + "spec.bootstrap.initdb", field(postgres, "spec", "bootstrap", "initdb"),
                Set.of("database", "owner"), problems);
        if (!postgres.getApiVersion().equals("postgresql.cnpg.io/v1")) {
            problems.add(name + "not postgresql.cnpg.io/v1");
        }
        if (!(field(postgres, "spec", "instances") instanceof Integer instances) || instances < 1) {
            problems.add(name + "spec.instances is not a number of instances");
        }
        if (!(field(postgres, "spec", "storage", "size") instanceof String)) {
            problems.add(name + "no spec.storage.size");
        }
        if (field(postgres, "spec", "bootstrap", "initdb", "database") == null
                || field(postgres, "spec", "bootstrap", "initdb", "owner") == null) {
            problems.add(name + "bootstraps no database and owner (spec.bootstrap.initdb)");
        }
    }

    private static void scaledObject(Cluster cluster, GenericKubernetesResource scaled, List<String> problems) {
        String name = "ScaledObject " + scaled.getMetadata().getName() + ": ";
        unknown(name + "spec", field(scaled, "spec"), SCALED_OBJECT_SPEC, problems);
        if (!scaled.getApiVersion().equals("keda.sh/v1alpha1")) {
            problems.add(name + "not keda.sh/v1alpha1");
        }
        Object target = field(scaled, "spec", "scaleTargetRef", "name");
        var deployment = cluster.find(Deployment.class, String.valueOf(target));
        if (deployment.isEmpty()) {
            problems.add(name + "scales " + target + ", which is no Deployment");
            return;
        }
        ServiceFacts facts = ServiceFacts.of(Service.named(deployment.get().getMetadata().getName()));
        int partitions = KafkaCheck.partitions(cluster);
        if (!(field(scaled, "spec", "maxReplicaCount") instanceof Integer max) || max > partitions) {
            problems.add(name + "maxReplicaCount beyond the " + partitions + " partitions: the consumers beyond "
                    + "them would sit idle");
        }
        if (!(field(scaled, "spec", "triggers") instanceof List<?> triggers) || triggers.isEmpty()) {
            problems.add(name + "no triggers");
            return;
        }
        for (Object trigger : triggers) {
            Map<?, ?> kafka = (Map<?, ?>) trigger;
            Map<?, ?> metadata = (Map<?, ?>) kafka.get("metadata");
            if (!"kafka".equals(kafka.get("type")) || metadata == null) {
                problems.add(name + "a trigger other than Kafka lag: " + trigger);
                continue;
            }
            unknown(name + "a kafka trigger's metadata", metadata, KAFKA_TRIGGER, problems);
            metadata.forEach((key, value) -> {
                if (!(value instanceof String)) {
                    problems.add(name + "trigger metadata " + key + " must be a string (KEDA's metadata is text)");
                }
            });
            if (!facts.consumerGroup().map(group -> group.equals(metadata.get("consumerGroup"))).orElse(false)) {
                problems.add(name + "watches group " + metadata.get("consumerGroup") + ", but "
                        + facts.service() + " consumes as " + facts.consumerGroup().orElse("no group"));
            }
            if (!KafkaCheck.TOPICS.contains(metadata.get("topic"))) {
                problems.add(name + "watches topic " + metadata.get("topic") + ", which is none of " + KafkaCheck.TOPICS);
            }
            Addresses.check(cluster, facts.service(), "spring.kafka.bootstrap-servers", "",
                    String.valueOf(metadata.get("bootstrapServers"))).ifPresent(why -> problems.add(name + why));
        }
    }

    private static void unknown(String where, Object fields, Set<String> known, List<String> problems) {
        if (fields instanceof Map<?, ?> map) {
            map.keySet().stream().filter(key -> !known.contains(key))
                    .forEach(key -> problems.add(where + " has an unknown field " + key));
        }
    }
}
