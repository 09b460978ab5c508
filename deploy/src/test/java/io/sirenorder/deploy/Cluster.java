package io.sirenorder.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One overlay's objects, rendered and typed, with the look-ups the checks share: what a Deployment's pods are
 * labelled and listen on, and what an environment variable's value is once Kubernetes has resolved it.
 *
 * @param overlay the overlay's name ({@code local}, {@code production})
 * @param objects every object, as {@code kubectl apply -k} would send them
 */
record Cluster(String overlay, List<HasMetadata> objects) {

    /** Where the overlays are, from the deploy module's directory (Maven runs its tests there). */
    static final Path OVERLAYS = Path.of("kubernetes", "overlays").toAbsolutePath();

    private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    Cluster {
        objects = List.copyOf(objects);
    }

    /** Renders an overlay with kubectl and reads its objects strictly (see {@link StrictKubernetes}). */
    static Cluster render(String overlay) {
        return new Cluster(overlay, StrictKubernetes.parse(Kubectl.kustomize(OVERLAYS.resolve(overlay))));
    }

    /** The same overlay with its objects deep-copied, for a test to spoil one. */
    Cluster copy() {
        return new Cluster(overlay, objects.stream().map(StrictKubernetes::copy).toList());
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst();
    }

    /** Objects of a kind without a typed model here (CloudNativePG's Cluster, KEDA's ScaledObject). */
    List<GenericKubernetesResource> generic(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(object -> object.getKind().equals(kind)).toList();
    }

    /** The one container of a Deployment's pods (every SirenOrder pod has one). */
    static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    static Map<String, String> podLabels(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getLabels();
    }

    /** The container port a Service's targetPort or a probe's port names, by name or by number. */
    static Optional<ContainerPort> containerPort(Deployment deployment, IntOrString port) {
        return container(deployment).getPorts().stream()
                .filter(candidate -> port.getIntVal() != null
                        ? port.getIntVal().equals(candidate.getContainerPort())
                        : port.getStrVal().equals(candidate.getName()))
                .findFirst();
    }

    /** The Deployments whose pods a selector selects. */
    List<Deployment> selected(LabelSelector selector) {
        return all(Deployment.class).stream().filter(deployment -> matches(selector, podLabels(deployment))).toList();
    }

    /** Whether labels satisfy a label selector; an empty selector selects everything, as in Kubernetes. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        boolean matchLabels = Objects.requireNonNullElse(selector.getMatchLabels(), Map.<String, String>of())
                .entrySet().stream().allMatch(label -> label.getValue().equals(labels.get(label.getKey())));
        return matchLabels && selector.getMatchExpressions().stream().allMatch(expression -> matches(expression, labels));
    }

    private static boolean matches(LabelSelectorRequirement expression, Map<String, String> labels) {
        String value = labels.get(expression.getKey());
        return switch (expression.getOperator()) {
            case "In" -> expression.getValues().contains(value);
            case "NotIn" -> !expression.getValues().contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> throw new IllegalArgumentException("unknown selector operator " + expression.getOperator());
        };
    }

    /**
     * The value a container's variable has in the pod: its literal (with {@code $(NAME)} of variables before it
     * expanded, as the kubelet does), its ConfigMap's key, or its Secret's key where the Secret is rendered here;
     * empty for a Secret made elsewhere (by an operator, or by hand), and a problem when a reference leads nowhere.
     */
    Resolved resolve(Container container, String name) {
        List<EnvVar> env = container.getEnv();
        for (int i = 0; i < env.size(); i++) {
            EnvVar variable = env.get(i);
            if (variable.getName().equals(name)) {
                return resolve(variable, env.subList(0, i));
            }
        }
        return Resolved.problem(name + " is not set");
    }

    private Resolved resolve(EnvVar variable, List<EnvVar> before) {
        if (variable.getValueFrom() == null) {
            return expand(variable.getValue(), before);
        }
        var configMapKey = variable.getValueFrom().getConfigMapKeyRef();
        if (configMapKey != null) {
            return find(ConfigMap.class, configMapKey.getName())
                    .map(configMap -> configMap.getData().get(configMapKey.getKey()))
                    .map(Resolved::value)
                    .orElseGet(() -> Resolved.problem(variable.getName() + " reads key " + configMapKey.getKey()
                            + " of ConfigMap " + configMapKey.getName() + ", which is not there"));
        }
        var secretKey = variable.getValueFrom().getSecretKeyRef();
        if (secretKey != null) {
            return find(Secret.class, secretKey.getName())
                    .map(secret -> secret.getData() != null ? secret.getData() : secret.getStringData())
                    .map(data -> data.containsKey(secretKey.getKey()) ? Resolved.secret()
                            : Resolved.problem(variable.getName() + " reads key " + secretKey.getKey()
                                    + " of Secret " + secretKey.getName() + ", which it does not have"))
                    .orElseGet(() -> ExternalSecrets.check(this, secretKey.getName(), secretKey.getKey())
                            .map(problem -> Resolved.problem(variable.getName() + ": " + problem))
                            .orElse(Resolved.secret()));
        }
        return Resolved.problem(variable.getName() + " has a value from neither a ConfigMap nor a Secret");
    }

    private Resolved expand(String value, List<EnvVar> before) {
        Matcher variable = VARIABLE.matcher(value);
        StringBuilder expanded = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1);
            Optional<EnvVar> earlier = before.stream().filter(candidate -> candidate.getName().equals(name)).findFirst();
            if (earlier.isEmpty()) {
                return Resolved.problem("$(" + name + ") names no variable set before it, so Kubernetes leaves it as is");
            }
            Resolved resolved = resolve(earlier.get(), before.subList(0, before.indexOf(earlier.get())));
            if (resolved.value().isEmpty()) {
                return resolved;
            }
            variable.appendReplacement(expanded, Matcher.quoteReplacement(resolved.value().get()));
        }
        return Resolved.value(variable.appendTail(expanded).toString());
    }

    /**
     * A variable's value as the pod sees it: a known value, or a secret's (not known here), or why it has none.
     */
    record Resolved(Optional<String> value, Optional<String> problem) {

        static Resolved value(String value) {
            return new Resolved(Optional.of(value), Optional.empty());
        }

        static Resolved secret() {
            return new Resolved(Optional.empty(), Optional.empty());
        }

        static Resolved problem(String problem) {
            return new Resolved(Optional.empty(), Optional.of(problem));
        }
    }
}
