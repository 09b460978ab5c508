package io.sirenorder.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(Launcher.runsOnPostgres(List.of("up", "--postgres", "order"), home)).isTrue();
        assertThat(Launcher.runsOnPostgres(List.of("status"), home)).as("before any up").isFalse();

        launcher(LocalSystem.builder().postgres());
        Launcher.rememberDatabase(system);
        assertThat(Launcher.runsOnPostgres(List.of("stop", "order"), home)).isTrue();
        assertThat(Launcher.runsOnPostgres(List.of("down"), home)).isTrue();
        assertThat(Launcher.runsOnPostgres(List.of("up"), home)).as("up chooses afresh").isFalse();

        try (var onH2 = LocalSystem.builder().homeDir(home).freePorts().build()) {
            Launcher.rememberDatabase(onH2);
        }
        assertThat(Launcher.runsOnPostgres(List.of("status"), home)).isFalse();
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
                .hasMessage("start needs a service: one of kafka, product, order, report, notification, gateway");
        assertThatThrownBy(() -> launcher.run(List.of("stop", "latte")))
                .hasMessageContaining("unknown service 'latte'");
        assertThatThrownBy(() -> launcher.run(List.of("down", "order"))).hasMessageContaining("down takes no service");
        assertThatThrownBy(() -> launcher.run(List.of("start", "postgres")))
                .hasMessageStartingWith("postgres is not part of this system, which runs on H2 files");
        assertThatThrownBy(() -> launcher.run(List.of("status", "--postgres")))
                .hasMessage("--postgres goes with up; status follows the database that up chose");
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

    private Launcher launcher(LocalSystem.Builder builder) {
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
