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
                row(Service.GATEWAY, system.baseUrl(Service.GATEWAY)));
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
                .hasMessage("start needs a service: one of kafka, product, order, report, gateway");
        assertThatThrownBy(() -> launcher.run(List.of("stop", "latte"))).hasMessageContaining("unknown service 'latte'");
        assertThatThrownBy(() -> launcher.run(List.of("down", "order"))).hasMessageContaining("down takes no service");
    }

    private Launcher launcher() {
        system = LocalSystem.builder().homeDir(home).freePorts().build();
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
