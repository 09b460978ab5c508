package io.sirenorder.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands that need no running processes; the rest is LocalSystem's, tested there. */
class LauncherTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private LocalSystem system;
    private Launcher launcher;

    @AfterEach
    void closeSystem() {
        system.close();
    }

    @Test
    void statusListsEveryServiceWithItsPort() {
        launcher().run(List.of("status"));

        assertThat(output().lines().map(line -> List.of(line.split(" +")))).containsExactly(
                List.of("SERVICE", "STATE", "PID", "PORT", "HEALTH", "URL"),
                row(Service.KAFKA, system.kafkaBootstrapServers()),
                row(Service.AUTH, system.baseUrl(Service.AUTH)),
                row(Service.PRODUCT, system.baseUrl(Service.PRODUCT)),
                row(Service.ORDER, system.baseUrl(Service.ORDER)),
                row(Service.REPORT, system.baseUrl(Service.REPORT)),
                row(Service.NOTIFICATION, system.baseUrl(Service.NOTIFICATION)),
                row(Service.GATEWAY, system.baseUrl(Service.GATEWAY)));
    }

    @Test
    void onPostgresStatusListsTheDatabaseFirst() {
        launcher(LocalSystem.builder().postgres()).run(List.of("status"));

        assertThat(output().lines().skip(1).map(line -> List.of(line.split(" +"))).findFirst())
                .contains(List.of("postgres", "down", "-", String.valueOf(system.port(Service.POSTGRES)), "-",
                        system.postgresUrl()));
    }

    @Test
    void theCommandsAfterUpFollowTheDatabaseItChose() {
        var postgres = UpChoice.POSTGRES;
        assertThat(postgres.isMade(List.of("up", "--postgres", "order"), home)).isTrue();
        assertThat(postgres.isMade(List.of("status"), home)).as("before any up").isFalse();

        launcher(LocalSystem.builder().postgres());
        UpChoice.rememberAll(system);
        assertThat(postgres.isMade(List.of("stop", "order"), home)).isTrue();
        assertThat(postgres.isMade(List.of("down"), home)).isTrue();
        assertThat(postgres.isMade(List.of("up"), home)).as("up chooses afresh").isFalse();

        try (var onH2 = LocalSystem.builder().homeDir(home).freePorts().build()) {
            UpChoice.rememberAll(onH2);
        }
        assertThat(postgres.isMade(List.of("status"), home)).isFalse();
    }

    @Test
    void theCommandsAfterUpFollowItsChoiceOfAPublicGateway() throws IOException {
        var open = UpChoice.PUBLIC;
        assertThat(open.isMade(List.of("up", "--public"), home)).isTrue();
        assertThat(open.isMade(List.of("start", "gateway"), home)).as("before any up").isFalse();

        launcher(LocalSystem.builder().publicGateway());
        for (Service service : Service.values()) {
            // where each process runs from, beside the choices
            Files.createDirectories(home.resolve("run").resolve(service.id()));
        }
        UpChoice.rememberAll(system);
        assertThat(open.isMade(List.of("start", "gateway"), home)).isTrue();
        assertThat(UpChoice.POSTGRES.isMade(List.of("start", "gateway"), home)).isFalse();
        assertThat(open.isMade(List.of("up", "--postgres"), home)).as("up chooses afresh").isFalse();
    }

    @Test
    void withReplicasStatusListsEveryInstance() {
        launcher(LocalSystem.builder().postgres().replicas(2)).run(List.of("status"));

        assertThat(output().lines().map(line -> line.split(" +")[0]).toList()).containsExactly("SERVICE",
                "postgres", "kafka", "auth", "product", "product-2", "order", "order-2", "report", "report-2",
                "notification", "notification-2", "gateway");
        assertThat(output()).contains(String.valueOf(system.port(new Instance(Service.ORDER, 2))));
    }

    @Test
    void replicasAreUpsChoiceTooAndImplyPostgres() {
        var out = new ByteArrayOutputStream();
        var print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Path repo = home.resolve("repo");

        system = UpChoice.systemFor(List.of("up", "--replicas", "3", "order"), repo, print);
        assertThat(system.replicas()).isEqualTo(3);
        assertThat(system.onPostgres()).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("running on PostgreSQL");
        UpChoice.rememberAll(system);
        system.close();

        system = UpChoice.systemFor(List.of("status"), repo, print);
        assertThat(system.replicas()).as("remembered").isEqualTo(3);
        assertThat(system.onPostgres()).isTrue();
        system.close();
        system = UpChoice.systemFor(List.of("up"), repo, print);
        assertThat(system.replicas()).as("up chooses afresh").isEqualTo(1);
        assertThat(ReplicaChoice.withoutSwitch(List.of("--replicas", "2", "order"))).containsExactly("order");
        assertThatThrownBy(() -> ReplicaChoice.of(List.of("up", "--replicas", "two"), repo))
                .hasMessage("--replicas takes a number of instances, 1 or more, not 'two'");
        assertThatThrownBy(() -> ReplicaChoice.of(List.of("up", "--replicas"), repo))
                .hasMessage("--replicas takes a number of instances, 1 or more, not ''");
    }

    @Test
    void tracingIsUpsChoiceTooAndStatusListsZipkinBesideKafka() {
        var print = new PrintStream(output, true, StandardCharsets.UTF_8);
        Path repo = home.resolve("repo");
        assertThat(UpChoice.TRACING.isMade(List.of("status"), Topology.homeIn(repo))).as("before any up").isFalse();

        system = UpChoice.systemFor(List.of("up", "--tracing", "order"), repo, print);
        assertThat(system.tracing()).isTrue();
        UpChoice.rememberAll(system);
        system.close();
        system = UpChoice.systemFor(List.of("stop", "order"), repo, print);
        assertThat(system.tracing()).as("remembered").isTrue();
        assertThat(system.onPostgres()).isFalse();
        system.close();
        system = UpChoice.systemFor(List.of("up", "--postgres"), repo, print);
        assertThat(system.tracing()).as("up chooses afresh").isFalse();
        system.close();

        launcher(LocalSystem.builder().tracing()).run(List.of("status"));
        assertThat(output().lines().map(line -> line.split(" +")[0]).toList()).containsExactly("SERVICE",
                "kafka", "zipkin", "auth", "product", "order", "report", "notification", "gateway");
        assertThat(output()).contains(String.valueOf(system.port(Service.ZIPKIN)), system.baseUrl(Service.ZIPKIN));
    }

    @Test
    void stopAndDownSayWhenNothingRuns() {
        launcher().run(List.of("stop", "order"));
        launcher.run(List.of("down"));

        assertThat(output()).isEqualTo("order is not running.\nNothing is running.\n");
    }

    @Test
    void rejectsWhatItDoesNotKnow() {
        launcher();

        assertThatThrownBy(() -> launcher.run(List.of("brew"))).hasMessage("unknown command 'brew'; see ./siren help");
        assertThatThrownBy(() -> launcher.run(List.of("start")))
                .hasMessage("start needs a service: one of kafka, auth, product, order, report, notification, gateway");
        assertThatThrownBy(() -> launcher.run(List.of("stop", "latte")))
                .hasMessageContaining("unknown service 'latte'");
        assertThatThrownBy(() -> launcher.run(List.of("down", "order"))).hasMessageContaining("down takes no service");
        assertThatThrownBy(() -> launcher.run(List.of("start", "postgres")))
                .hasMessageStartingWith("postgres is not part of this system, which runs on H2 files");
        assertThatThrownBy(() -> launcher.run(List.of("status", "--postgres")))
                .hasMessage("--postgres goes with up; status follows the choice that up made");
        assertThatThrownBy(() -> launcher.run(List.of("start", "gateway", "--public")))
                .hasMessage("--public goes with up; start follows the choice that up made");
        assertThatThrownBy(() -> launcher.run(List.of("start", "order", "--tracing")))
                .hasMessage("--tracing goes with up; start follows the choice that up made");
        assertThatThrownBy(() -> launcher.run(List.of("roll", "order", "--replicas", "2")))
                .hasMessage("--replicas goes with up; roll follows the choice that up made");
        assertThatThrownBy(() -> launcher.run(List.of("roll")))
                .hasMessageStartingWith("roll needs a service: one of");
        assertThatThrownBy(() -> launcher.run(List.of("token"))).hasMessage(
                "usage: ./siren token clerk | ./siren token customer <name>");
        assertThatThrownBy(() -> launcher.run(List.of("token", "customer"))).hasMessage(
                "usage: ./siren token clerk | ./siren token customer <name>");
        assertThatThrownBy(() -> launcher.run(List.of("token", "customer", "clerk"))).hasMessage(
                "clerk is the local clerk, not a customer: ./siren token clerk");
    }

    @Test
    void tokenSaysWhenAuthIsNotRunning() {
        launcher();

        assertThatThrownBy(() -> launcher.run(List.of("token", "clerk"))).hasMessage(
                "auth is not running at " + system.baseUrl(Service.AUTH) + "/ (./siren up starts it)");
        assertThat(output()).isEmpty();
    }

    @Test
    void logsSaysWhenThereIsNoneYet() {
        launcher();

        assertThatThrownBy(() -> launcher.run(List.of("logs", "order")))
                .hasMessage("no log for order yet in " + home.resolve("logs"));
        assertThatThrownBy(() -> launcher.run(List.of("logs"))).hasMessage("no logs yet in " + home.resolve("logs"));
    }

    private Launcher launcher() {
        return launcher(LocalSystem.builder());
    }

    private Launcher launcher(LocalSystemBuilder builder) {
        system = builder.homeDir(home).freePorts().build();
        launcher = new Launcher(system, new PrintStream(output, true, StandardCharsets.UTF_8));
        return launcher;
    }

    private List<String> row(Service service, String address) {
        return List.of(service.id(), "down", "-", String.valueOf(system.port(service)), "-", address);
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
