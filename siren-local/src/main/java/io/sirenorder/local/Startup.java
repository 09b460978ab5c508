package io.sirenorder.local;

import static io.sirenorder.local.Service.POSTGRES;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * How services start: each from its image (see {@link ServiceImage}), with the arguments the {@link Topology} gives
 * it and the system's {@link ExtraSettings}, launched by the {@link Supervisor} and awaited until the
 * {@link HealthProbe} finds it ready.
 */
final class Startup {

    private final Path repoDir;
    private final Topology topology;
    private final ExtraSettings extras;
    private final Supervisor supervisor;
    private final HealthProbe health;
    private final Duration timeout;

    Startup(Path repoDir, Topology topology, ExtraSettings extras, Supervisor supervisor, HealthProbe health,
            Duration timeout) {
        this.repoDir = repoDir;
        this.topology = topology;
        this.extras = extras;
        this.supervisor = supervisor;
        this.health = health;
        this.timeout = timeout;
    }

    /**
     * Starts services and waits until each is ready; refuses, before starting anything, when one of them already
     * runs, a port is taken or a jar is missing. PostgreSQL and Kafka come first, together, because the services
     * need them (started beside the services, Kafka would be starved of CPU, and they would wait for it); the services
     * need nothing else to start, so they start together too, which on a few cores is faster than one after another.
     */
    void start(Collection<Service> toStart, LocalSystem.StartProgress progress) {
        checkCanStart(toStart);
        prepare(toStart);
        List<Service> inStartOrder = Arrays.stream(Service.values()).filter(toStart::contains).toList();
        startTogether(inStartOrder.stream().filter(service -> !service.isHttp()).toList(), progress);
        startTogether(inStartOrder.stream().filter(Service::isHttp).toList(), progress);
    }

    private void startTogether(List<Service> toStart, LocalSystem.StartProgress progress) {
        Instant started = Instant.now();
        Map<Service, Process> launched = new EnumMap<>(Service.class);
        toStart.forEach(service -> launched.put(service, launch(service)));
        launched.forEach((service, process) -> {
            supervisor.awaitReady(service, process, timeout, () -> health.isReady(service));
            progress.ready(service, Duration.between(started, Instant.now()));
        });
    }

    /**
     * Refuses, naming every problem at once, to start services that already run, whose port another process holds
     * or whose jar has not been built.
     */
    void checkCanStart(Collection<Service> toStart) {
        List<String> problems = new ArrayList<>();
        for (Service service : toStart) {
            Optional<ProcessHandle> running = supervisor.process(service);
            Optional<ProcessHandle> serverLeftRunning = service == POSTGRES
                    ? LocalPostgres.serverIn(topology.postgresDataDir())
                    : Optional.empty();
            int port = topology.port(service);
            if (running.isPresent()) {
                problems.add(service + " is already running (pid " + running.get().pid() + ")");
            } else if (serverLeftRunning.isPresent()) {
                long pid = serverLeftRunning.get().pid();
                problems.add("a PostgreSQL server (pid " + pid + ") whose LocalPostgres was killed still runs in "
                        + topology.postgresDataDir() + "; end it with: kill " + pid);
            } else if (!Ports.isFree(port)) {
                problems.add("port " + port + " for " + service + " is taken by another process");
            }
            if (service.isHttp() && !Files.isRegularFile(jar(service))) {
                problems.add(repoDir.relativize(jar(service)) + " is missing; build it with: mvn -DskipTests package");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("cannot start " + toStart.stream().map(Service::id).toList() + ":\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    /**
     * Makes the images the services run from, where the jars have changed since they were made: all at once, since
     * each is a JVM that starts its service once.
     */
    void prepare(Collection<Service> toPrepare) {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture.allOf(toPrepare.stream()
                    .filter(Service::isHttp)
                    .map(service -> CompletableFuture.runAsync(
                            () -> image(service).prepare(extras.jvmOptions(service),
                                    topology.addresses(service)), executor))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The executable jar an HTTP service's image is made from. */
    Path jar(Service service) {
        return service.jar(repoDir);
    }

    /** The full command line of a service's process: PostgreSQL and Kafka run from siren-local's classpath. */
    List<String> command(Service service) {
        List<String> program = switch (service) {
            case POSTGRES -> JavaCommand.runMainClass(LocalPostgres.class);
            case KAFKA -> JavaCommand.runMainClass(LocalKafkaBroker.class);
            default -> image(service).runFrom(supervisor.runDir(service));
        };
        List<String> arguments = extras.arguments(service, topology.arguments(service));
        return supervisor.command(service, extras.jvmOptions(service),
                Stream.concat(program.stream(), arguments.stream()).toList());
    }

    private Process launch(Service service) {
        if (service.isHttp()) {
            image(service).installIn(supervisor.runDir(service));
        }
        return supervisor.launch(service, command(service), extras.env(service));
    }

    /** The nearest directory, from {@code start} upwards, that holds the repository (the one with siren-local/). */
    static Path findRepoDir(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("siren-local").resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no SirenOrder repository at or above " + start.toAbsolutePath());
    }

    private ServiceImage image(Service service) {
        return new ServiceImage(service, repoDir);
    }
}
