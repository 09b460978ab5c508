package io.sirenorder.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.sirenorder.local.Service.GATEWAY;
import static io.sirenorder.local.Service.KAFKA;
import static io.sirenorder.local.Service.NOTIFICATION;
import static io.sirenorder.local.Service.ORDER;
import static io.sirenorder.local.Service.POSTGRES;
import static io.sirenorder.local.Service.PRODUCT;
import static io.sirenorder.local.Service.REPORT;

/**
 * The whole system on one machine, every service in a JVM process of its own: what {@code ./siren up} runs and what
 * the end-to-end tests start, the same way. Kafka starts first (with PostgreSQL, when the system runs on it), then
 * product, order, report, notification and the gateway, each awaited until it is ready; they stop in reverse order.
 * <p>
 * Runtime files live under the home directory ({@code .siren/} for {@code ./siren}, a temporary directory in tests):
 * {@code data/<service>/} for the H2 databases and {@code kafka/} for their Kafka log, or, on PostgreSQL,
 * {@code postgres/data/} and {@code postgres/kafka/} (a log belongs with the databases it was written from: replayed
 * into other ones, it would corrupt them); {@code logs/<service>.log}, {@code run/<service>.pid}
 * and {@code run/<service>.jar}, the copy of its jar a service runs from. The pid files let another
 * {@code LocalSystem} with the same home, such as {@code ./siren stop} in another terminal, find and stop the
 * processes; a process only counts as the service if its command line carries this system's markers, so a stale pid
 * reused by another program is never signalled.
 * <p>
 * Processes run detached in their own session (through {@code setsid} where it exists): a Ctrl-C in the launcher's
 * terminal reaches only the launcher, which then stops the services in order, and {@code ./siren start} leaves a
 * service running after the terminal closes.
 */
public final class LocalSystem implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalSystem.class);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 25;
    private static final List<Service> WITH_DATABASE = List.of(PRODUCT, ORDER, REPORT);
    private static final Optional<Path> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst();

    private final Path repoDir;
    private final Path homeDir;
    private final boolean onPostgres;
    private final List<Service> services;
    private final Map<Service, Integer> ports;
    private final Map<Service, List<String>> extraArgs;
    private final Map<Service, Map<String, String>> extraEnv;
    private final List<String> extraJvmOptions;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private LocalSystem(Builder builder) {
        this.repoDir = Objects.requireNonNullElseGet(builder.repoDir, () -> findRepoDir(Path.of("")))
                .toAbsolutePath().normalize();
        this.homeDir = Objects.requireNonNullElseGet(builder.homeDir, () -> repoDir.resolve(".siren"))
                .toAbsolutePath().normalize();
        this.onPostgres = builder.onPostgres;
        this.services = builder.services != null
                ? List.copyOf(builder.services)
                : Arrays.stream(Service.values()).filter(service -> onPostgres || service != POSTGRES).toList();
        this.ports = builder.resolvePorts();
        this.extraArgs = Map.copyOf(builder.extraArgs);
        this.extraEnv = builder.extraEnv.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> Map.copyOf(entry.getValue())));
        this.extraJvmOptions = List.copyOf(builder.extraJvmOptions);
        this.startTimeout = builder.startTimeout;
        this.stopTimeout = builder.stopTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts every service of this system in order, each awaited until it is ready. Refuses, before starting
     * anything, when one of them already runs, a port is taken or a jar is missing. When a service fails to start,
     * those started before it keep running: {@link #close()} stops them.
     */
    public void startAll() {
        start(services, (service, took) -> {
        });
    }

    /** Told about each service as it becomes ready, so that a launcher can show progress. */
    @FunctionalInterface
    public interface StartProgress {

        void ready(Service service, Duration took);
    }

    /**
     * Starts services and waits until each is ready; refuses, before starting anything, when one of them already
     * runs, a port is taken or a jar is missing. PostgreSQL and Kafka come first, together, because the services
     * need them (started beside the services, Kafka would be starved of CPU, and they would wait for it); the services
     * need nothing else to start, so they start together too, which on two cores is about twice as fast as one after
     * another. When a service fails to start, those started with it keep running: {@link #close()} stops them.
     */
    public void start(Collection<Service> toStart, StartProgress progress) {
        checkCanStart(toStart);
        prepare(toStart);
        List<Service> inStartOrder = Arrays.stream(Service.values()).filter(toStart::contains).toList();
        startTogether(inStartOrder.stream().filter(service -> !service.isHttp()).toList(), progress);
        startTogether(inStartOrder.stream().filter(Service::isHttp).toList(), progress);
    }

    private void startTogether(List<Service> toStart, StartProgress progress) {
        Instant started = Instant.now();
        Map<Service, Process> launched = new EnumMap<>(Service.class);
        toStart.forEach(service -> launched.put(service, launch(service)));
        launched.forEach((service, process) -> {
            awaitReady(service, process);
            progress.ready(service, Duration.between(started, Instant.now()));
        });
    }

    /**
     * Starts one service and waits until it is ready. Throws, naming the service and quoting the end of its log,
     * when it exits or is not ready within the start timeout; it is not left running then.
     */
    public void start(Service service) {
        start(List.of(service), (started, took) -> {
        });
    }

    /** Stops a service gracefully (SIGTERM), killing it when it has not stopped within the stop timeout. */
    public void stop(Service service) {
        process(service).ifPresentOrElse(process -> {
            process.destroy();
            if (!hasExited(process, stopTimeout)) {
                log.warn("{} did not stop within {} s; killing it", service, stopTimeout.toSeconds());
                killAndAwait(service, process);
            }
        }, () -> forgetStalePid(service));
        killPostgresLeftRunning(service);
        pidFile(service).delete();
    }

    /** Kills a service at once (SIGKILL), as a crash would: no graceful shutdown; PostgreSQL's server crashes too. */
    public void kill(Service service) {
        process(service).ifPresentOrElse(process -> killAndAwait(service, process), () -> forgetStalePid(service));
        killPostgresLeftRunning(service);
        pidFile(service).delete();
    }

    /**
     * Kills the PostgreSQL server, with every process it forked, that a killed LocalPostgres left running, since
     * {@code pg_ctl} starts it detached. Like any crashed PostgreSQL, it recovers from its write-ahead log at the
     * next start, losing nothing committed.
     */
    private void killPostgresLeftRunning(Service service) {
        if (service == POSTGRES) {
            LocalPostgres.serverIn(postgresDataDir()).ifPresent(server -> {
                // listed before the first kill: once the server is gone, the processes it forked no longer descend
                // from it, and they must not hold on to its shared memory when the next server starts
                List<ProcessHandle> processes = Stream.concat(Stream.of(server), server.descendants()).toList();
                processes.forEach(process -> killAndAwait(POSTGRES, process));
            });
        }
    }

    /** Stops every running service in reverse start order. */
    public void stopAll() {
        Arrays.asList(Service.values()).reversed().forEach(this::stop);
    }

    /** Stops everything and releases the HTTP client. */
    @Override
    public void close() {
        try {
            stopAll();
        } finally {
            http.close();
        }
    }

    /** The service's process, also when another launcher started it (found through its pid file). */
    public Optional<ProcessHandle> process(Service service) {
        return pidFile(service).read().stream()
                .mapToObj(ProcessHandle::of)
                .flatMap(Optional::stream)
                .filter(ProcessHandle::isAlive)
                .filter(process -> isProcessOf(service, process))
                .findFirst();
    }

    public boolean isRunning(Service service) {
        return process(service).isPresent();
    }

    /**
     * Whether the service is ready for work: {@code /actuator/health/readiness} answers 200; for Kafka, the broker
     * answers a request to describe the cluster; for PostgreSQL, LocalPostgres has created the services' role and
     * databases, and the server answers.
     */
    public boolean isHealthy(Service service) {
        return switch (service) {
            case POSTGRES -> process(POSTGRES)
                    .filter(process -> LocalPostgres.isReady(port(POSTGRES), postgresDataDir(), process.pid()))
                    .isPresent();
            case KAFKA -> kafkaAnswers();
            default -> answersReadinessProbe(service);
        };
    }

    public int port(Service service) {
        return ports.get(service);
    }

    /** {@code http://127.0.0.1:<port>} of an HTTP service. */
    public String baseUrl(Service service) {
        if (!service.isHttp()) {
            throw new IllegalArgumentException(
                    service + " does not speak HTTP; use kafkaBootstrapServers() or postgresUrl()");
        }
        return "http://127.0.0.1:" + port(service);
    }

    /** The {@code bootstrap.servers} of the local Kafka broker. */
    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + port(KAFKA);
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>}, the local PostgreSQL server; a database's URL adds its name. */
    public String postgresUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port(POSTGRES);
    }

    /** Whether product, order and report keep their data in PostgreSQL rather than in H2 files. */
    public boolean onPostgres() {
        return onPostgres;
    }

    /** The services {@link #startAll()} starts, in start order. */
    public List<Service> services() {
        return services;
    }

    public Path homeDir() {
        return homeDir;
    }

    public Path logDir() {
        return homeDir.resolve("logs");
    }

    /** Where a service's output goes, appended at every start. */
    public Path logFile(Service service) {
        return logDir().resolve(service.id() + ".log");
    }

    /**
     * Refuses, naming every problem at once, to start services that already run, whose port another process holds
     * or whose jar has not been built.
     */
    void checkCanStart(Collection<Service> toStart) {
        List<String> problems = new ArrayList<>();
        for (Service service : toStart) {
            Optional<ProcessHandle> running = process(service);
            Optional<ProcessHandle> serverLeftRunning = service == POSTGRES
                    ? LocalPostgres.serverIn(postgresDataDir())
                    : Optional.empty();
            if (running.isPresent()) {
                problems.add(service + " is already running (pid " + running.get().pid() + ")");
            } else if (serverLeftRunning.isPresent()) {
                long pid = serverLeftRunning.get().pid();
                problems.add("a PostgreSQL server (pid " + pid + ") whose LocalPostgres was killed still runs in "
                        + postgresDataDir() + "; end it with: kill " + pid);
            } else if (!Ports.isFree(port(service))) {
                problems.add("port " + port(service) + " for " + service + " is taken by another process");
            }
            if (service.isHttp() && !Files.isRegularFile(service.jar(repoDir))) {
                problems.add(repoDir.relativize(service.jar(repoDir))
                        + " is missing; build it with: mvn -DskipTests package");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("cannot start " + toStart.stream().map(Service::id).toList() + ":\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    /** The full command line of a service's process. */
    List<String> command(Service service) {
        List<String> command = new ArrayList<>();
        SETSID.ifPresent(setsid -> command.add(setsid.toString()));
        command.add(JavaCommand.javaBinary().toString());
        command.addAll(jvmOptions(service));
        command.addAll(markers(service));
        command.addAll(switch (service) {
            case POSTGRES -> JavaCommand.runMainClass(LocalPostgres.class);
            case KAFKA -> JavaCommand.runMainClass(LocalKafkaBroker.class);
            default -> image(service).runFrom(runDir(service));
        });
        command.addAll(argumentsWithExtras(service));
        return command;
    }

    /** The service's JVM options, and the system's extra ones after them. */
    private List<String> jvmOptions(Service service) {
        return Stream.concat(service.jvmOptions().stream(), extraJvmOptions.stream()).toList();
    }

    /** Extra arguments replace standard ones of the same name, as Spring would join two values with a comma. */
    private List<String> argumentsWithExtras(Service service) {
        List<String> extras = extraArgs.getOrDefault(service, List.of());
        Set<String> replaced = extras.stream().map(LocalSystem::propertyName).collect(Collectors.toSet());
        return Stream.concat(
                        arguments(service).stream().filter(argument -> !replaced.contains(propertyName(argument))),
                        extras.stream())
                .toList();
    }

    /** {@code --server.port} of {@code --server.port=8080}; an argument without a value is its own name. */
    private static String propertyName(String argument) {
        int equals = argument.indexOf('=');
        return equals < 0 ? argument : argument.substring(0, equals);
    }

    /** The agreed configuration of each service: standard Spring properties, so environment variables work too. */
    List<String> arguments(Service service) {
        return switch (service) {
            case POSTGRES -> List.of("--port", String.valueOf(port(POSTGRES)),
                    "--data-dir", postgresDataDir().toString(),
                    "--databases", String.join(",", databaseNames()));
            case KAFKA -> List.of("--port", String.valueOf(port(KAFKA)), "--data-dir", kafkaDataDir().toString());
            case PRODUCT, REPORT -> concat(springBoot(service), database(service));
            case ORDER -> concat(springBoot(service), database(service),
                    List.of("--siren.catalog.url=" + baseUrl(PRODUCT)));
            // notification keeps nothing but recent events in memory: no database
            case NOTIFICATION -> springBoot(service);
            case GATEWAY -> concat(springBoot(service), List.of(
                    "--siren.services.product=" + baseUrl(PRODUCT),
                    "--siren.services.order=" + baseUrl(ORDER),
                    "--siren.services.report=" + baseUrl(REPORT),
                    "--siren.services.notification=" + baseUrl(NOTIFICATION)));
        };
    }

    /** The {@code local} profile marks a system run on one machine: it switches on demonstrations such as faults. */
    private List<String> springBoot(Service service) {
        return List.of("--server.port=" + port(service), "--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers(),
                "--spring.profiles.active=local");
    }

    private List<String> database(Service service) {
        if (onPostgres) {
            return List.of("--spring.datasource.url=" + postgresUrl() + "/" + service.id(),
                    "--spring.datasource.username=" + LocalPostgres.USER,
                    "--spring.datasource.password=" + LocalPostgres.PASSWORD);
        }
        // WRITE_DELAY=0: a commit reaches the file at once, so a killed service keeps what it answered 2xx for.
        // CACHE_SIZE (KB): a quarter of H2's default; at rush hour the default's churn filled order's heap with dead
        // cache entries, and the pages in use still fit
        return List.of("--spring.datasource.url=jdbc:h2:file:" + dataDir(service).resolve("db")
                + ";WRITE_DELAY=0;CACHE_SIZE=4096");
    }

    /** One database for each service that keeps data, named after it. */
    private static List<String> databaseNames() {
        return WITH_DATABASE.stream().map(Service::id).toList();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return Stream.of(parts).flatMap(List::stream).toList();
    }

    /** What marks a process as this service of this system, for {@link #process(Service)}; visible in ps, too. */
    private List<String> markers(Service service) {
        return List.of("-Dsiren.service=" + service.id(), "-Dsiren.home=" + homeDir);
    }

    private boolean isProcessOf(Service service, ProcessHandle process) {
        return commandLineOf(process).containsAll(markers(service));
    }

    /** A process's command line, word by word; empty when the process has gone meanwhile. */
    private static List<String> commandLineOf(ProcessHandle process) {
        // On Linux the JDK gives no arguments for a command line over 4 KB (a test classpath), so read them directly
        Path procCmdline = Path.of("/proc", String.valueOf(process.pid()), "cmdline");
        if (!Files.exists(procCmdline)) {
            return process.info().arguments().map(List::of).orElse(List.of());
        }
        try {
            return List.of(new String(Files.readAllBytes(procCmdline), StandardCharsets.UTF_8).split("\0"));
        } catch (IOException processGone) {
            return List.of();
        }
    }

    private Process launch(Service service) {
        List<String> command = command(service);
        Path logFile = logFile(service);
        try {
            Files.createDirectories(logFile.getParent());
            if (service.isHttp()) {
                image(service).installIn(runDir(service));
            }
            String startedAt = LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            String banner = "%n==== %s starting %s: %s%n%n".formatted(startedAt, service, String.join(" ", command));
            Files.writeString(logFile, banner, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            var builder = new ProcessBuilder(command)
                    .directory(repoDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(logFile.toFile()));
            // glibc's default of eight malloc arenas per core would keep the JIT's and many threads' freed memory
            builder.environment().put("MALLOC_ARENA_MAX", "2");
            builder.environment().putAll(extraEnv.getOrDefault(service, Map.of()));
            Process process = builder.start();
            pidFile(service).write(process.pid());
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service, e);
        }
    }

    /**
     * A service runs from links to its image under the home directory, not from the image in {@code target/}: a
     * build (say {@code ./siren test} beside {@code ./siren up}) makes a new image there, and must not change the
     * files under a running service.
     */
    private Path runDir(Service service) {
        return homeDir.resolve("run").resolve(service.id());
    }

    private ServiceImage image(Service service) {
        return new ServiceImage(service, repoDir);
    }

    /**
     * Makes the images the services run from, where the jars have changed since they were made (see
     * {@link ServiceImage}): all at once, since each is a JVM that starts its service once.
     */
    public void prepare(Collection<Service> toPrepare) {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture.allOf(toPrepare.stream()
                    .filter(Service::isHttp)
                    .map(service -> CompletableFuture.runAsync(() -> image(service).prepare(jvmOptions(service)),
                            executor))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void awaitReady(Service service, Process process) {
        Instant deadline = Instant.now().plus(startTimeout);
        while (!isHealthy(service)) {
            if (!process.isAlive()) {
                pidFile(service).delete();
                throw new IllegalStateException(service + " exited with code " + process.exitValue()
                        + " while starting" + logExcerpt(service));
            }
            if (Instant.now().isAfter(deadline)) {
                killAndAwait(service, process.toHandle());
                pidFile(service).delete();
                throw new IllegalStateException(service + " was not ready within " + startTimeout.toSeconds()
                        + " s, so it was stopped" + logExcerpt(service));
            }
            pause(POLL_INTERVAL);
        }
    }

    private boolean answersReadinessProbe(Service service) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl(service) + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        try {
            return http.send(request, BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningOrTooSlow) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing " + service, e);
        }
    }

    private boolean kafkaAnswers() {
        // a plain connect first: the admin client would log a warning for every refused connection
        if (!Ports.isListening(port(KAFKA))) {
            return false;
        }
        // short timeouts: a starting broker accepts connections but answers only once it is ready
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1000);
        try (Admin admin = Admin.create(config)) {
            return !admin.describeCluster().nodes().get(1, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException notReadyYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing kafka", e);
        }
    }

    private void forgetStalePid(Service service) {
        pidFile(service).read().stream()
                .mapToObj(ProcessHandle::of)
                .flatMap(Optional::stream)
                .filter(ProcessHandle::isAlive)
                .forEach(other -> log.warn("{} names pid {}, which now belongs to another program; leaving that alone",
                        pidFile(service).path(), other.pid()));
    }

    private void killAndAwait(Service service, ProcessHandle process) {
        process.destroyForcibly();
        if (!hasExited(process, KILL_TIMEOUT)) {
            throw new IllegalStateException(service + " (pid " + process.pid() + ") survived SIGKILL for "
                    + KILL_TIMEOUT.toSeconds() + " s");
        }
    }

    private static boolean hasExited(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException stillRunning) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot wait for pid " + process.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for pid " + process.pid() + " to exit", e);
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The end of a service's log, so that a failure explains itself also where only the exception is shown (CI). */
    private String logExcerpt(Service service) {
        Path logFile = logFile(service);
        try (var channel = FileChannel.open(logFile)) {
            long size = channel.size();
            long start = Math.max(0, size - 16 * 1024);
            var buffer = ByteBuffer.allocate((int) (size - start));
            channel.read(buffer, start);
            List<String> lines = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).lines()
                    .skip(start > 0 ? 1 : 0) // a line cut in half
                    .toList();
            List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            return "; the end of " + logFile + ":\n    " + String.join("\n    ", tail);
        } catch (IOException e) {
            return "; its log " + logFile + " is unreadable: " + e;
        }
    }

    private Path dataDir(Service service) {
        return homeDir.resolve("data").resolve(service.id());
    }

    private Path postgresDataDir() {
        return homeDir.resolve("postgres").resolve("data");
    }

    private Path kafkaDataDir() {
        return onPostgres ? homeDir.resolve("postgres").resolve("kafka") : homeDir.resolve("kafka");
    }

    private PidFile pidFile(Service service) {
        return new PidFile(homeDir.resolve("run").resolve(service.id() + ".pid"));
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

    /**
     * Configures a {@link LocalSystem}. Defaults: the repository found from the working directory upwards, home
     * {@code <repo>/.siren}, H2 files, every service on its usual port, 90 s to start and 20 s to stop each.
     */
    public static final class Builder {

        private Path repoDir;
        private Path homeDir;
        private boolean onPostgres;
        private EnumSet<Service> services;
        private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
        private boolean freePorts;
        private final Map<Service, List<String>> extraArgs = new EnumMap<>(Service.class);
        private final Map<Service, Map<String, String>> extraEnv = new EnumMap<>(Service.class);
        private final List<String> extraJvmOptions = new ArrayList<>();
        private Duration startTimeout = Duration.ofSeconds(90);
        private Duration stopTimeout = Duration.ofSeconds(20);

        private Builder() {
        }

        /** Where {@code <module>/target/<module>.jar} are built. */
        public Builder repoDir(Path repoDir) {
            this.repoDir = repoDir;
            return this;
        }

        /** Where data, logs and pid files go, instead of {@code <repo>/.siren}. */
        public Builder homeDir(Path homeDir) {
            this.homeDir = homeDir;
            return this;
        }

        /**
         * Product, order and report keep their data in a local PostgreSQL server, which becomes part of the system,
         * instead of in H2 files.
         */
        public Builder postgres() {
            this.onPostgres = true;
            return this;
        }

        /**
         * The services {@link LocalSystem#startAll()} starts (always in start order); by default all of them, with
         * {@link Service#POSTGRES} only when the system runs on PostgreSQL.
         */
        public Builder services(Service... services) {
            this.services = EnumSet.copyOf(List.of(services));
            return this;
        }

        public Builder port(Service service, int port) {
            ports.put(service, port);
            return this;
        }

        /** Every service without an explicit port gets a free one, so tests can run beside {@code ./siren up}. */
        public Builder freePorts() {
            this.freePorts = true;
            return this;
        }

        /** More command-line arguments for a service; one like {@code --name=value} replaces the standard one. */
        public Builder args(Service service, String... args) {
            extraArgs.merge(service, List.of(args), (before, more) -> concat(before, more));
            return this;
        }

        /** More JVM options for every process, after the standard ones, e.g. to compare JIT settings. */
        public Builder jvmOptions(String... options) {
            extraJvmOptions.addAll(List.of(options));
            return this;
        }

        /** An environment variable for a service's process. */
        public Builder env(Service service, String name, String value) {
            extraEnv.computeIfAbsent(service, any -> new HashMap<>()).put(name, value);
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
            return this;
        }

        public LocalSystem build() {
            return new LocalSystem(this);
        }

        private Map<Service, Integer> resolvePorts() {
            Map<Service, Integer> resolved = new EnumMap<>(Service.class);
            resolved.putAll(ports);
            List<Service> unassigned = Arrays.stream(Service.values())
                    .filter(service -> !ports.containsKey(service))
                    .toList();
            List<Integer> unassignedPorts = freePorts
                    ? Ports.freePorts(unassigned.size())
                    : unassigned.stream().map(Service::defaultPort).toList();
            for (int i = 0; i < unassigned.size(); i++) {
                resolved.put(unassigned.get(i), unassignedPorts.get(i));
            }
            if (resolved.values().stream().distinct().count() < resolved.size()) {
                throw new IllegalArgumentException("two services on one port: " + resolved);
            }
            return Map.copyOf(resolved);
        }
    }
}
