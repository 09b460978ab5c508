package io.sirenorder.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A manifest mistake fails the build: each test spoils one object of the rendered production overlay, in memory, as
 * a careless edit would, and the checks must name what is wrong.
 */
class ManifestMistakesTest {

    private static Cluster production;

    /** Each test skipped, saying why, without a kubectl to render with; the overlay rendered once. */
    @BeforeEach
    void render() {
        Kubectl.assumeInstalled();
        if (production == null) {
            production = Cluster.render("production");
        }
    }

    @Test
    void aMisspeltFieldIsRefused() {
        String misspelt = Kubectl.kustomize(Cluster.OVERLAYS.resolve("local")).replace("readinessProbe:", "readinesProbe:");

        assertThatThrownBy(() -> StrictKubernetes.parse(misspelt)).hasMessageContaining("readinesProbe");
    }

    @Test
    void aServiceMustReachAPortItsPodsListenOn() {
        assertThat(problemsAfter(cluster -> cluster.find(Service.class, "product").orElseThrow().getSpec().getPorts()
                .getFirst().setTargetPort(new IntOrString("web"))))
                .anySatisfy(problem -> assertThat(problem).contains("Service product: port 8082 targets web"));
    }

    @Test
    void probesMustAskTheHealthGroups() {
        assertThat(problemsAfter(cluster -> container(cluster, "order").getReadinessProbe().getHttpGet()
                .setPath("/actuator/health")))
                .anySatisfy(problem -> assertThat(problem).contains("order: its readiness probe asks /actuator/health"));
    }

    @Test
    void aMisspeltSettingIsNoSetting() {
        assertThat(problemsAfter(cluster -> variable(cluster, "order", "SIREN_CATALOGUE_URL")
                .setName("SIREN_CATALOG_URL")))
                .anySatisfy(problem -> assertThat(problem).contains("SIREN_CATALOG_URL names no setting"))
                .anySatisfy(problem -> assertThat(problem).contains("siren.catalogue.url is not set"));
    }

    @Test
    void aServiceMustCallTheServiceTheLauncherConnectsItTo() {
        assertThat(problemsAfter(cluster -> variable(cluster, "order", "SIREN_CATALOGUE_URL")
                .setValue("http://report:8083")))
                .anySatisfy(problem -> assertThat(problem).contains("Service report does not select product's pods"));
    }

    @Test
    void aSecretKeyMustExist() {
        assertThat(problemsAfter(cluster -> variable(cluster, "report", "SPRING_DATASOURCE_PASSWORD").getValueFrom()
                .getSecretKeyRef().setKey("passwd")))
                .anySatisfy(problem -> assertThat(problem).contains("Secret report-db-app has no key passwd"));
    }

    @Test
    void aDatabaseMustBeTheServiceOwn() {
        assertThat(problemsAfter(cluster -> variable(cluster, "report", "SPRING_DATASOURCE_URL")
                .setValue("jdbc:postgresql://order-db-rw:5432/order")))
                .anySatisfy(problem -> assertThat(problem).contains("spring.datasource.url"));
    }

    @Test
    void topicsAreThoseSirenEventsNames() {
        assertThat(problemsAfter(cluster -> cluster.all(KafkaTopic.class).getFirst().getMetadata()
                .setName("siren.products")))
                .anySatisfy(problem -> assertThat(problem).contains("siren-events and the dead letters name"));
    }

    @Test
    void topicsHaveTheReplicasTheServicesAskFor() {
        assertThat(problemsAfter(cluster -> cluster.all(KafkaTopic.class).getFirst().getSpec().setReplicas(1)))
                .anySatisfy(problem -> assertThat(problem).contains("1 replicas, the services make topics with [3]"));
    }

    @Test
    void anAutoscalerMustScaleARealDeployment() {
        assertThat(problemsAfter(cluster -> cluster.find(HorizontalPodAutoscaler.class, "order").orElseThrow()
                .getSpec().getScaleTargetRef().setName("orders")))
                .anySatisfy(problem -> assertThat(problem).contains("scales orders, which is no Deployment"));
    }

    @Test
    void theGracePeriodMustCoverPreStopAndShutdown() {
        assertThat(problemsAfter(cluster -> cluster.find(Deployment.class, "gateway").orElseThrow().getSpec()
                .getTemplate().getSpec().setTerminationGracePeriodSeconds(30L)))
                .anySatisfy(problem -> assertThat(problem).contains("gateway: terminationGracePeriodSeconds 30"));
    }

    @Test
    void lagScalingStopsAtThePartitions() {
        assertThat(problemsAfter(cluster -> cluster.generic("ScaledObject").getFirst().getAdditionalProperties()
                .put("spec", Map.of("scaleTargetRef", Map.of("name", "report"), "maxReplicaCount", 6,
                        "triggers", List.of()))))
                .anySatisfy(problem -> assertThat(problem).contains("maxReplicaCount beyond the 3 partitions"));
    }

    @Test
    void onlyTheGatewayIsReachableFromOutside() {
        assertThat(problemsAfter(cluster -> cluster.find(NetworkPolicy.class, "order").orElseThrow().getSpec()
                .getIngress().getFirst().setFrom(List.of())))
                .anySatisfy(problem -> assertThat(problem).contains("outside reaches order on 8081, which it does not need"));
    }

    /** The problems of the production overlay with one mistake made; without it there are none (ManifestTest). */
    private static List<String> problemsAfter(Consumer<Cluster> mistake) {
        Cluster spoilt = production.copy();
        mistake.accept(spoilt);
        return ManifestTest.problems(spoilt);
    }

    private static Container container(Cluster cluster, String deployment) {
        return Cluster.container(cluster.find(Deployment.class, deployment).orElseThrow());
    }

    private static EnvVar variable(Cluster cluster, String deployment, String name) {
        return container(cluster, deployment).getEnv().stream().filter(variable -> variable.getName().equals(name))
                .findFirst().orElseThrow();
    }
}
