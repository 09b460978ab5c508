package io.sirenorder.deploy;

import io.sirenorder.local.LaunchSettings;
import io.sirenorder.local.Service;
import io.sirenorder.messaging.TopicsAutoConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What a service really reads and serves, from its own module: the settings the launcher gives it, those a cluster
 * adds, and its Actuator and Kafka configuration (application.yml).
 */
record ServiceFacts(Service service, Path module, JsonNode application) {

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    /**
     * The launcher's settings that belong to one machine: every service listens on the loopback there, and runs the
     * local profile (generated signing key, local users, product's fault injection). A cluster sets neither.
     */
    static final List<String> ONE_MACHINE_ONLY = List.of("server.address", "spring.profiles.active");

    /** Variables that are the JVM's, not Spring's: the heap, sized with the container's memory. */
    static final List<String> JVM_VARIABLES = List.of("JAVA_TOOL_OPTIONS");

    /**
     * Spring's shutdown phase bound, {@code spring.lifecycle.timeout-per-shutdown-phase}, where a service does not
     * set it: the 20 s every service is to set with graceful shutdown (issue 11).
     */
    static final Duration SHUTDOWN_PHASE = Duration.ofSeconds(20);

    static ServiceFacts of(Service service) {
        Path module = service.jar(REPOSITORY).getParent().getParent();
        try {
            JsonNode application = YAMLMapper.builder().build()
                    .readTree(module.resolve("src/main/resources/application.yml").toFile());
            return new ServiceFacts(service, module, application);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read " + service + "'s application.yml: " + e.getMessage(), e);
        }
    }

    /** The canonical environment variable of a property (Spring's relaxed binding): {@code SPRING_KAFKA_BOOTSTRAPSERVERS}. */
    static String variable(String property) {
        return variables(property).getFirst();
    }

    /**
     * The environment variables Spring binds to a property: the canonical one, and the one with each dash an
     * underscore ({@code SIREN_AUTH_SIGNING_KEY}), which Spring Boot also accepts.
     */
    static List<String> variables(String property) {
        String indexed = property.replaceAll("\\[(\\d+)]", ".$1");
        return Stream.of(indexed.replace("-", ""), indexed.replace('-', '.'))
                .map(name -> name.replace('.', '_').toUpperCase(Locale.ROOT))
                .distinct()
                .toList();
    }

    /** The settings the launcher gives this service that a cluster must give it too, by property. */
    Map<String, String> launched() {
        Map<String, String> settings = new LinkedHashMap<>(LaunchSettings.of(service));
        ONE_MACHINE_ONLY.forEach(settings::remove);
        if (!usesKafka()) {
            // the launcher hands every service Kafka's address alike; only those with siren-messaging use it
            settings.remove("spring.kafka.bootstrap-servers");
        }
        return settings;
    }

    /** Settings beyond the launcher's that a cluster gives, each read by the service (see {@link #declares}). */
    List<String> added() {
        return Stream.concat(
                usesKafka() ? messagingDefaults().keySet().stream() : Stream.<String>empty(),
                service == Service.AUTH ? Stream.of("siren.auth.signing-key", "siren.auth.users[0].name",
                        "siren.auth.users[0].password", "siren.auth.users[0].role") : Stream.<String>empty())
                .toList();
    }

    /** Whether this service publishes or consumes events: it depends on siren-messaging. */
    boolean usesKafka() {
        return read(module.resolve("pom.xml")).contains("<artifactId>siren-messaging</artifactId>");
    }

    /**
     * Whether the service's code declares a {@code siren.*} property: a {@code @ConfigurationProperties} class with
     * the prefix and a component named as the property's next part ({@code siren.auth.signing-key}: signingKey).
     */
    boolean declares(String property) {
        if (messagingDefaults().containsKey(property)) {
            return usesKafka();
        }
        int last = property.lastIndexOf('.', property.indexOf('[') < 0 ? property.length() : property.indexOf('['));
        String prefix = property.substring(0, last);
        String component = camelCase(property.substring(last + 1).replaceAll("\\[.*", ""));
        try (Stream<Path> sources = Files.walk(module.resolve("src/main/java"))) {
            return sources.filter(Files::isRegularFile).map(ServiceFacts::read)
                    .anyMatch(source -> source.contains("@ConfigurationProperties(\"" + prefix + "\")")
                            && source.contains(" " + component));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** siren-messaging's topic settings and their defaults, from the {@code @Value}s that read them. */
    static Map<String, String> messagingDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        Stream.of(TopicsAutoConfiguration.class.getDeclaredMethods())
                .flatMap(method -> Stream.of(method.getParameters()))
                .map(parameter -> parameter.getAnnotation(Value.class))
                .filter(value -> value != null && value.value().startsWith("${siren.messaging."))
                .map(value -> value.value().substring(2, value.value().length() - 1).split(":", 2))
                .forEach(nameAndDefault -> defaults.put(nameAndDefault[0], nameAndDefault[1]));
        return defaults;
    }

    boolean probesEnabled() {
        return application.at("/management/endpoint/health/probes/enabled").asBoolean(false);
    }

    /** Actuator's own port, when it is not the server's. */
    Optional<String> managementPort() {
        return text("/management/server/port");
    }

    String actuatorBasePath() {
        return text("/management/endpoints/web/base-path").orElse("/actuator");
    }

    Optional<String> consumerGroup() {
        return text("/spring/kafka/consumer/group-id");
    }

    Duration shutdownPhase() {
        return text("/spring/lifecycle/timeout-per-shutdown-phase")
                .map(value -> Duration.parse("PT" + value.toUpperCase(Locale.ROOT)))
                .orElse(SHUTDOWN_PHASE);
    }

    private Optional<String> text(String pointer) {
        JsonNode node = application.at(pointer);
        return node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(node.asString());
    }

    private static String camelCase(String kebab) {
        String[] words = kebab.split("-");
        StringBuilder camel = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            camel.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return camel.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
