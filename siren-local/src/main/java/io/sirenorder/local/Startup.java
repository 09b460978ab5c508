package io.sirenorder.local;

import static io.sirenorder.local.Service.POSTGRES;
import static io.sirenorder.local.Service.ZIPKIN;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
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
     * runs, a port is taken or a jar is missing. PostgreSQL, Kafka and Zipkin come first, together, because the
     * services need them (started beside the services, Kafka would be starved of CPU, and they would wait for it;
     * and spans a service sends before Zipkin listens are lost, each loss a warning in its log); the services
     * need nothing else to start, so they start together too, which on a few cores is faster than one after another.
     * Every instance of a service starts.
     */
    void start(Collection<Service> toStart, LocalSystem.StartProgress progress) {
        checkCanStart(toStart);
        prepare(toStart);
        List<Instance> inStartOrder = Arrays.stream(Service.values())
                .filter(toStart::contains)
                .flatMap(service -> topology.instances(service).stream())
                .toList();
        startTogether(inStartOrder.stream().filter(instance -> !instance.service().isHttp()).toList(), progress);
        startTogether(inStartOrder.stream().filter(instance -> instance.service().isHttp()).toList(), progress);
    }

    /** Starts one instance, its image made beforehand, and waits until it is ready. */
    void start(Instance instance) {
        startTogether(List.of(instance), (started, took) -> {
        });
    }

    private void startTogether(List<Instance> toStart, LocalSystem.StartProgress progress) {
        Instant started = Instant.now();
        Map<Instance, Process> launched = new LinkedHashMap<>();
        toStart.forEach(instance -> launched.put(instance, launch(instance)));
        launched.forEach((instance, process) -> {
            supervisor.awaitReady(instance, process, timeout, () -> health.isReady(instance));
            progress.ready(instance, Duration.between(started, Instant.now()));
        });
    }

    /**
     * Refuses, naming every problem at once, to start services that already run, whose port another process holds
     * or whose jar has not been built.
     */
    void checkCanStart(Collection<Service> toStart) {
        List<String> problems = new ArrayList<>();
        for (Service service : toStart) {
            for (Instance instance : topology.instances(service)) {
                problems.addAll(whyNotStartable(instance));
            }
            if (service.runsFromJar() && !Files.isRegularFile(jar(service))) {
                problems.add(repoDir.relativize(jar(service)) + " is missing; build it with: mvn -DskipTests package");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("cannot start " + toStart.stream().map(Service::id).toList() + ":\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    private List<String> whyNotStartable(Instance instance) {
        Optional<ProcessHandle> running = supervisor.process(instance);
        Optional<ProcessHandle> serverLeftRunning = instance.service() == POSTGRES
                ? LocalPostgres.serverIn(topology.postgresDataDir())
                : Optional.empty();
        int port = topology.port(instance);
        if (running.isPresent()) {
            return List.of(instance + " is already running (pid " + running.get().pid() + ")");
        } else if (serverLeftRunning.isPresent()) {
            long pid = serverLeftRunning.get().pid();
            return List.of("a PostgreSQL server (pid " + pid + ") whose LocalPostgres was killed still runs in "
                    + topology.postgresDataDir() + "; end it with: kill " + pid);
        } else if (!Ports.isFree(port)) {
            return List.of("port " + port + " for " + instance + " is taken by another process");
        }
        return List.of();
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

    /** The executable jar an HTTP service's image is made from, or Zipkin's. */
    Path jar(Service service) {
        return service.jar(repoDir);
    }

    /**
     * The full command line of a service's process: PostgreSQL and Kafka run from siren-local's classpath, Zipkin
     * from its own jar.
     */
    List<String> command(Instance instance) {
        Service service = instance.service();
        List<String> program = switch (service) {
            case POSTGRES -> JavaCommand.runMainClass(LocalPostgres.class);
            case KAFKA -> JavaCommand.runMainClass(LocalKafkaBroker.class);
            case ZIPKIN -> LocalZipkin.runFrom(supervisor.runDir(instance));
            default -> image(service).runFrom(supervisor.runDir(instance));
        };
        List<String> arguments = extras.arguments(service, topology.arguments(instance));
        return supervisor.command(instance, extras.jvmOptions(service),
                Stream.concat(program.stream(), arguments.stream()).toList());
    }

    private Process launch(Instance instance) {
        if (instance.service().isHttp()) {
            image(instance.service()).installIn(supervisor.runDir(instance));
        } else if (instance.service() == ZIPKIN) {
            LocalZipkin.installIn(jar(ZIPKIN), supervisor.runDir(instance));
        }
        return supervisor.launch(instance, command(instance), extras.env(instance.service()));
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
