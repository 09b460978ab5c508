package io.sirenorder.deploy;

import static io.sirenorder.deploy.Cluster.podLabels;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The objects aim at each other as the cluster would resolve them: selectors select pods, Services reach ports the
 * containers have, the Ingress a Service's port, autoscalers and disruption budgets real Deployments.
 */
final class WiringCheck {

    private WiringCheck() {
    }

    static List<String> problems(Cluster cluster) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : cluster.all(Deployment.class)) {
            if (!Cluster.matches(deployment.getSpec().getSelector(), podLabels(deployment))) {
                problems.add("Deployment " + deployment.getMetadata().getName() + " does not select its own pods");
            }
        }
        for (Service service : cluster.all(Service.class)) {
            String name = "Service " + service.getMetadata().getName();
            List<Deployment> selected = cluster.selected(new LabelSelector(List.of(), service.getSpec().getSelector()));
            if (selected.size() != 1) {
                problems.add(name + " selects the pods of " + selected.size() + " Deployments, not one");
                continue;
            }
            service.getSpec().getPorts().stream()
                    .filter(port -> Cluster.containerPort(selected.getFirst(), port.getTargetPort()).isEmpty())
                    .forEach(port -> problems.add(name + ": port " + port.getPort() + " targets "
                            + port.getTargetPort().getValue() + ", which its pods do not listen on"));
        }
        for (Ingress ingress : cluster.all(Ingress.class)) {
            ingress.getSpec().getRules().stream()
                    .flatMap(rule -> rule.getHttp().getPaths().stream())
                    .map(path -> path.getBackend().getService())
                    .filter(backend -> !reaches(cluster, backend))
                    .forEach(backend -> problems.add("Ingress " + ingress.getMetadata().getName() + " sends to "
                            + backend.getName() + ":" + backend.getPort() + ", which is no Service port"));
            ingress.getSpec().getTls().forEach(tls -> ExternalSecrets.check(cluster, tls.getSecretName(), "tls.crt")
                    .ifPresent(problem -> problems.add("Ingress " + ingress.getMetadata().getName() + ": " + problem)));
        }
        autoscaling(cluster, problems);
        for (PodDisruptionBudget budget : cluster.all(PodDisruptionBudget.class)) {
            List<Deployment> selected = cluster.selected(budget.getSpec().getSelector());
            if (selected.size() != 1) {
                problems.add("PodDisruptionBudget " + budget.getMetadata().getName() + " covers the pods of "
                        + selected.size() + " Deployments, not one");
            } else if (budget.getSpec().getMinAvailable() != null) {
                problems.add("PodDisruptionBudget " + budget.getMetadata().getName() + " sets minAvailable: with "
                        + "the autoscaler at its minimum it could block every drain; maxUnavailable cannot");
            }
        }
        return problems;
    }

    /**
     * Each autoscaler scales a real Deployment, no Deployment has two, and an autoscaled Deployment leaves its count
     * to its autoscaler: every kubectl apply would reset it, scaling a busy service down.
     */
    private static void autoscaling(Cluster cluster, List<String> problems) {
        List<String> targets = Stream.concat(
                cluster.all(HorizontalPodAutoscaler.class).stream().map(hpa -> {
                    var target = hpa.getSpec().getScaleTargetRef();
                    return target.getKind().equals("Deployment") ? target.getName() : target.getKind();
                }),
                cluster.generic("ScaledObject").stream()
                        .map(scaled -> String.valueOf(CustomResources.field(scaled, "spec", "scaleTargetRef", "name"))))
                .toList();
        Set<String> seen = new TreeSet<>();
        for (String target : targets) {
            var deployment = cluster.find(Deployment.class, target);
            if (deployment.isEmpty()) {
                problems.add("an autoscaler scales " + target + ", which is no Deployment");
            } else if (!seen.add(target)) {
                problems.add("Deployment " + target + " has two autoscalers");
            } else if (deployment.get().getSpec().getReplicas() != null) {
                problems.add("Deployment " + target + " sets replicas, which its autoscaler owns");
            }
        }
    }

    private static boolean reaches(Cluster cluster, IngressServiceBackend backend) {
        return cluster.find(Service.class, backend.getName()).stream()
                .flatMap(service -> service.getSpec().getPorts().stream())
                .anyMatch(port -> backend.getPort().getName() != null
                        ? backend.getPort().getName().equals(port.getName())
                        : backend.getPort().getNumber().equals(port.getPort()));
    }
}
