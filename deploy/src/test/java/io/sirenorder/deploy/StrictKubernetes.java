package io.sirenorder.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.List;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads manifests into fabric8's typed model (and Strimzi's, for its kinds) as strictly as the API server's field
 * validation: a field the model does not know fails, so a misspelt one ({@code replcas}, {@code readinesProbe})
 * fails the build rather than being dropped by the cluster. Kinds without a model here (CloudNativePG's, KEDA's)
 * become {@link GenericKubernetesResource}s, whose fields the checks name one by one.
 */
final class StrictKubernetes {

    private static final KubernetesSerialization SERIALIZATION = serialization();

    private StrictKubernetes() {
    }

    /** Every object of a multi-document YAML text, typed. */
    static List<HasMetadata> parse(String yaml) {
        Object parsed = SERIALIZATION.unmarshal(yaml);
        return parsed instanceof List<?> objects
                ? objects.stream().map(HasMetadata.class::cast).toList()
                : List.of((HasMetadata) parsed);
    }

    /** A deep copy, to change in a test without touching the original. */
    static <T> T copy(T object) {
        return SERIALIZATION.clone(object);
    }

    private static KubernetesSerialization serialization() {
        // Fabric8's and Strimzi's model classes keep unknown fields in an "any setter" (additionalProperties), which
        // would accept any misspelling; without it, an unknown field is an error, as FAIL_ON_UNKNOWN_PROPERTIES asks
        var mapper = JsonMapper.builder()
                .annotationIntrospector(new NoAnySetter())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        var serialization = new KubernetesSerialization(mapper, true);
        List.of(Kafka.class, KafkaNodePool.class, KafkaTopic.class).forEach(serialization::registerKubernetesResource);
        return serialization;
    }

    /** Any setters off, but for the one class that is nothing but unknown fields. */
    private static final class NoAnySetter extends JacksonAnnotationIntrospector {

        @Override
        public Boolean hasAnySetter(MapperConfig<?> config, Annotated annotated) {
            Boolean anySetter = super.hasAnySetter(config, annotated);
            boolean generic = annotated instanceof AnnotatedMember member
                    && member.getDeclaringClass() == GenericKubernetesResource.class;
            return Boolean.TRUE.equals(anySetter) && !generic ? Boolean.FALSE : anySetter;
        }
    }
}
