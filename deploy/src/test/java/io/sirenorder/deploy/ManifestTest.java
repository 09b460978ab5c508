package io.sirenorder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.sirenorder.local.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/kubernetes, checked offline as a cluster and the services would take it: both overlays render, every object
 * is read strictly into the typed model, and nothing in them fails the checks.
 */
class ManifestTest {

    /** Every check, each object's problems as sentences; none for good manifests. */
    static List<String> problems(Cluster cluster) {
        List<String> problems = new ArrayList<>();
        problems.addAll(WiringCheck.problems(cluster));
        problems.addAll(ServiceCheck.problems(cluster));
        problems.addAll(KafkaCheck.problems(cluster));
        problems.addAll(CustomResources.problems(cluster));
        problems.addAll(NetworkCheck.problems(cluster));
        return problems;
    }

    /** Each test skipped, saying why, without a kubectl to render with. */
    @BeforeEach
    void kubectl() {
        Kubectl.assumeInstalled();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void passesEveryCheck(String overlay) {
        Cluster cluster = Cluster.render(overlay);

        assertThat(problems(cluster)).isEmpty();
        assertThat(cluster.all(Deployment.class)).extracting(deployment -> deployment.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Set.of("auth", "product", "order", "report", "notification",
                        "gateway"));
        assertThat(cluster.objects()).allSatisfy(object -> assertThat(object.getMetadata().getNamespace())
                .as(object.getKind() + " " + object.getMetadata().getName())
                .isIn("siren", null));
    }

    @Test
    void localRunsOneOfEach() {
        Cluster cluster = Cluster.render("local");

        assertThat(cluster.all(Deployment.class)).allSatisfy(deployment ->
                assertThat(deployment.getSpec().getReplicas()).isEqualTo(1));
        assertThat(cluster.all(HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(cluster.all(NetworkPolicy.class)).isEmpty();
    }

    /**
     * At least two of everything but auth (one, see base/auth.yaml), as its autoscaler's minimum; a budget for
     * each; network policies; the gateway at a public https address that its Ingress serves.
     */
    @Test
    void productionRunsSeveralOfEach() {
        Cluster cluster = Cluster.render("production");

        Map<String, Integer> least = new TreeMap<>();
        cluster.all(Deployment.class).forEach(deployment -> least.put(deployment.getMetadata().getName(),
                deployment.getSpec().getReplicas()));
        cluster.all(HorizontalPodAutoscaler.class).forEach(hpa -> least.put(hpa.getSpec().getScaleTargetRef()
                .getName(), hpa.getSpec().getMinReplicas()));
        cluster.generic("ScaledObject").forEach(scaled -> least.put(
                String.valueOf(CustomResources.field(scaled, "spec", "scaleTargetRef", "name")),
                (Integer) CustomResources.field(scaled, "spec", "minReplicaCount")));
        assertThat(least).containsEntry("auth", 1);
        least.remove("auth");
        assertThat(least.values()).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(2));
        assertThat(cluster.all(PodDisruptionBudget.class)).extracting(budget -> budget.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(least.keySet());
        assertThat(cluster.all(NetworkPolicy.class)).isNotEmpty();

        String publicUrl = Addresses.publicUrl(cluster);
        Ingress ingress = cluster.find(Ingress.class, "gateway").orElseThrow();
        assertThat(publicUrl).isEqualTo("https://" + ingress.getSpec().getRules().getFirst().getHost());
        assertThat(ingress.getSpec().getTls()).singleElement()
                .satisfies(tls -> assertThat(tls.getHosts()).contains(ingress.getSpec().getRules().getFirst().getHost()));
    }

    /** Every service of the launcher but its infrastructure (Kafka, PostgreSQL) runs in the cluster. */
    @Test
    void everyServiceOfTheLauncherIsDeployed() {
        Set<String> services = new TreeSet<>(Set.of(Service.values()).stream().filter(Service::isHttp)
                .map(Service::id).collect(Collectors.toSet()));

        assertThat(Cluster.render("production").all(Deployment.class))
                .extracting(deployment -> deployment.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(services);
    }
}
