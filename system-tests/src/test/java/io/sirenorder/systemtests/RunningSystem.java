package io.sirenorder.systemtests;

import io.sirenorder.local.LocalSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole system for one test class, started as {@code ./siren up} starts it, but on free ports and under a
 * temporary home, so the tests run beside a real {@code ./siren up}; stopped, and its home removed, afterwards.
 */
final class RunningSystem implements BeforeAllCallback, AfterAllCallback {

    private final UnaryOperator<LocalSystem.Builder> configuration;
    private Path home;
    private LocalSystem system;
    private JsonHttp http;

    private RunningSystem(UnaryOperator<LocalSystem.Builder> configuration) {
        this.configuration = configuration;
    }

    static RunningSystem onH2() {
        return new RunningSystem(UnaryOperator.identity());
    }

    /** The system on H2 files, configured further: fewer services, other arguments for one of them, ... */
    static RunningSystem onH2(UnaryOperator<LocalSystem.Builder> configuration) {
        return new RunningSystem(configuration);
    }

    static RunningSystem onPostgres() {
        return new RunningSystem(LocalSystem.Builder::postgres);
    }

    LocalSystem local() {
        return system;
    }

    JsonHttp http() {
        return http;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        home = Files.createTempDirectory("siren-" + context.getRequiredTestClass().getSimpleName());
        system = configuration.apply(LocalSystem.builder()
                        .repoDir(Path.of(System.getProperty("siren.repo.dir", "..")))
                        .homeDir(home)
                        .freePorts())
                .build();
        http = new JsonHttp();
        system.startAll();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (system != null) {
                system.close();
            }
            if (http != null) {
                http.close();
            }
        } finally {
            deleteHome();
        }
    }

    private void deleteHome() {
        try (Stream<Path> files = Files.walk(home)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + home, e);
        }
    }
}
