package io.sirenorder.deploy;

import static io.sirenorder.deploy.Cluster.container;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.sirenorder.local.LaunchSettings;
import io.sirenorder.local.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each Deployment as its service would find it: probes on paths and the port it serves, the settings it reads and
 * no other, given what the launcher gives it (see {@link Addresses} for the addresses among them), and pods that
 * stop gracefully and safely.
 */
final class ServiceCheck {

    /** Spring Boot reads this variable as properties, in JSON: for a property no variable can name. */
    static final String APPLICATION_JSON = "SPRING_APPLICATION_JSON";

    private ServiceCheck() {
    }

    static List<String> problems(Cluster cluster) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : cluster.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Service service;
            try {
                service = Service.named(name);
            } catch (IllegalArgumentException e) {
                problems.add("Deployment " + name + " is no SirenOrder service: " + e.getMessage());
                continue;
            }
            ServiceFacts facts = ServiceFacts.of(service);
            new Of(cluster, deployment, facts, problems).check();
        }
        return problems;
    }

    private record Of(Cluster cluster, Deployment deployment, ServiceFacts facts, List<String> problems) {

        void check() {
            probes();
            settings();
            termination();
        }

        private void problem(String problem) {
            problems.add(facts.service() + ": " + problem);
        }

        private void probes() {
            int port = LaunchSettings.port(facts.service());
            if (!facts.probesEnabled()) {
                problem("its application.yml does not enable the health groups (management.endpoint.health.probes)");
            }
            facts.managementPort().ifPresent(management -> problem("Actuator listens on port " + management
                    + " of its own (management.server.port), not on the port its probes name"));
            String health = facts.actuatorBasePath() + "/health/";
            Container container = container(deployment);
            probe("liveness", container.getLivenessProbe(), Set.of(health + "liveness"), port);
            probe("readiness", container.getReadinessProbe(), Set.of(health + "readiness"), port);
            probe("startup", container.getStartupProbe(), Set.of(health + "liveness", health + "readiness"), port);
        }

        private void probe(String kind, Probe probe, Set<String> paths, int port) {
            if (probe == null || probe.getHttpGet() == null) {
                problem("no HTTP " + kind + " probe");
                return;
            }
            if (!paths.contains(probe.getHttpGet().getPath())) {
                problem("its " + kind + " probe asks " + probe.getHttpGet().getPath() + ", not " + paths);
            }
            Optional<Integer> probed = Cluster.containerPort(deployment, probe.getHttpGet().getPort())
                    .map(containerPort -> containerPort.getContainerPort());
            if (!probed.equals(Optional.of(port))) {
                problem("its " + kind + " probe names port " + probe.getHttpGet().getPort().getValue()
                        + ", which is " + probed.map(String::valueOf).orElse("no container port")
                        + ", but the service serves on " + port);
            }
        }

        /**
         * Every setting the launcher gives is given, with the cluster's address of the same thing; every variable
         * names a setting the service reads.
         */
        private void settings() {
            Map<String, String> given = given();
            Map<String, String> launched = facts.launched();
            launched.forEach((property, launcherValue) -> {
                if (!given.containsKey(property)) {
                    problem(property + " is not set, which the launcher gives it (" + ServiceFacts.variable(property)
                            + ")");
                } else {
                    Addresses.check(cluster, facts.service(), property, launcherValue, given.get(property))
                            .ifPresent(this::problem);
                }
            });
            for (String property : given.keySet()) {
                if (!launched.containsKey(property) && !facts.added().contains(property)) {
                    problem(ServiceFacts.variable(property) + " names no setting the service reads (" + property + ")");
                }
            }
            facts.added().stream().filter(property -> !facts.declares(property))
                    .forEach(property -> problem(property + " is read by no code of the service"));
        }

        /**
         * What the pod sets, by property: each variable under the property it binds to (values as resolved, a
         * secret's as {@code <secret>}), and the properties of {@value #APPLICATION_JSON}.
         */
        private Map<String, String> given() {
            Container container = container(deployment);
            Map<String, String> byVariable = new LinkedHashMap<>();
            Stream.concat(facts.launched().keySet().stream(), facts.added().stream())
                    .forEach(property -> ServiceFacts.variables(property)
                            .forEach(variable -> byVariable.put(variable, property)));
            Map<String, String> given = new LinkedHashMap<>();
            for (EnvVar variable : container.getEnv()) {
                Cluster.Resolved resolved = cluster.resolve(container, variable.getName());
                resolved.problem().ifPresent(this::problem);
                String value = resolved.value().orElse("<secret>");
                if (variable.getName().equals(APPLICATION_JSON)) {
                    JsonMapper.builder().build().readTree(value).properties()
                            .forEach(property -> given.put(property.getKey(), property.getValue().asString()));
                } else if (!ServiceFacts.JVM_VARIABLES.contains(variable.getName())) {
                    given.put(byVariable.getOrDefault(variable.getName(), variable.getName()), value);
                }
            }
            return given;
        }

        /** The grace period covers the preStop sleep and Spring's shutdown phase; the pod runs as restricted. */
        private void termination() {
            var pod = deployment.getSpec().getTemplate().getSpec();
            Container container = container(deployment);
            long preStop = Optional.ofNullable(container.getLifecycle()).map(lifecycle -> lifecycle.getPreStop())
                    .map(handler -> handler.getSleep()).map(sleep -> sleep.getSeconds()).orElse(0L);
            if (preStop == 0) {
                problem("no preStop sleep: the pod would stop while Services and the ingress still send it requests");
            }
            long needed = preStop + facts.shutdownPhase().toSeconds();
            if (pod.getTerminationGracePeriodSeconds() == null || pod.getTerminationGracePeriodSeconds() <= needed) {
                problem("terminationGracePeriodSeconds " + pod.getTerminationGracePeriodSeconds() + " does not cover "
                        + "the preStop sleep and the shutdown phase (" + needed + " s)");
            }
            var security = container.getSecurityContext();
            if (security == null || !Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())
                    || !Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())
                    || !security.getCapabilities().getDrop().contains("ALL")
                    || !Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot())
                    || !"RuntimeDefault".equals(pod.getSecurityContext().getSeccompProfile().getType())) {
                problem("not restricted: non-root, read-only root, no privilege escalation, no capabilities, "
                        + "RuntimeDefault seccomp");
            }
            boolean tmp = container.getVolumeMounts().stream().anyMatch(mount -> mount.getMountPath().equals("/tmp")
                    && pod.getVolumes().stream().anyMatch(volume -> volume.getName().equals(mount.getName())
                    && volume.getEmptyDir() != null));
            if (!tmp) {
                problem("no emptyDir on /tmp: with a read-only root the server has nowhere to write");
            }
            var resources = container.getResources();
            if (resources == null || resources.getLimits().get("memory") == null
                    || !resources.getLimits().get("memory").equals(resources.getRequests().get("memory"))) {
                problem("its memory request and limit differ or are missing: a JVM's memory is what it is");
            }
        }
    }
}
