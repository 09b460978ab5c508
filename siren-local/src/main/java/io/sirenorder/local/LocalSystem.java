package io.sirenorder.local;

import static io.sirenorder.local.Service.POSTGRES;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole system on one machine, every service in a JVM process of its own: what {@code ./siren up} runs and what
 * the end-to-end tests start, the same way. Kafka starts first (with PostgreSQL, when the system runs on it, and
 * Zipkin, when it is traced), then auth, product, order, report, notification and the gateway, each awaited until it
 * is ready; they stop in reverse order.
 * <p>
 * The {@link Topology} wires the services together, the {@link Supervisor} runs their processes, the
 * {@link HealthProbe} tells when they are ready, and {@link Startup} puts these together to start them. Their files
 * live under the home directory: {@code .siren/} for {@code ./siren}, a temporary directory in tests.
 */
public final class LocalSystem implements AutoCloseable {

    private final Topology topology;
    private final Supervisor supervisor;
    private final HealthProbe health;
    private final Startup startup;
    private final Duration stopTimeout;
    private final Duration settleTime;

    LocalSystem(LocalSystemBuilder builder) {
        Path repoDir = Objects.requireNonNullElseGet(builder.repoDir, () -> Startup.findRepoDir(Path.of("")))
                .toAbsolutePath().normalize();
        Path homeDir = Objects.requireNonNullElseGet(builder.homeDir, () -> Topology.homeIn(repoDir)).toAbsolutePath()
                .normalize();
        this.topology = new Topology(homeDir, builder.onPostgres, builder.publicGateway, builder.tracing,
                builder.replicas, builder.services != null ? List.copyOf(builder.services)
                        : Topology.everyService(builder.onPostgres, builder.tracing),
                Topology.assignPorts(builder.ports, builder.freePorts, builder.replicas));
        this.supervisor = new Supervisor(homeDir, repoDir);
        this.health = new HealthProbe(topology, supervisor);
        var extras = new ExtraSettings(builder.extraArgs, builder.extraJvmOptions, builder.extraEnv);
        this.startup = new Startup(repoDir, topology, extras, supervisor, health, builder.startTimeout);
        this.stopTimeout = builder.stopTimeout;
        this.settleTime = builder.settleTime;
    }

    public static LocalSystemBuilder builder() {
        return new LocalSystemBuilder();
    }

    /** Starts every service of this system, in order; see {@link #start(Collection, StartProgress)}. */
    public void startAll() {
        start(topology.services(), (service, took) -> {
        });
    }

    /** Told about each instance as it becomes ready, so that a launcher can show progress. */
    @FunctionalInterface
    public interface StartProgress {

        void ready(Instance instance, Duration took);
    }

    /**
     * Starts services and waits until each is ready; refuses, before starting anything, when one of them already
     * runs, a port is taken or a jar is missing. When one fails, the others keep running: {@link #close()} stops them.
     */
    public void start(Collection<Service> toStart, StartProgress progress) {
        startup.start(toStart, progress);
    }

    /**
     * Starts one service (every instance of it) and waits until it is ready. Throws, naming the service and quoting
     * the end of its log, when it exits or is not ready within the start timeout; it is not left running then.
     */
    public void start(Service service) {
        start(List.of(service), (started, took) -> {
        });
    }

    /**
     * Stops every instance of a service gracefully (SIGTERM), killing one that has not stopped within the stop
     * timeout.
     */
    public void stop(Service service) {
        topology.instances(service).reversed().forEach(this::stop);
    }

    public void stop(Instance instance) {
        supervisor.stop(instance, stopTimeout);
        killPostgresLeftRunning(instance.service());
    }

    /**
     * Kills every instance of a service at once (SIGKILL), as a crash would: no graceful shutdown; PostgreSQL's
     * server crashes too.
     */
    public void kill(Service service) {
        topology.instances(service).forEach(instance -> {
            supervisor.kill(instance);
            killPostgresLeftRunning(service);
        });
    }

    /** Told about each instance as it is back, so that a launcher can show progress. */
    @FunctionalInterface
    public interface RollProgress {

        void restarted(Instance instance, Duration took);
    }

    /**
     * A rolling update of a service: makes its image again if its jar has changed, then restarts its instances one at
     * a time, each stopped gracefully and started again, and waits until it is ready, and then for the settling time,
     * before the next is touched. With several instances, the others serve meanwhile; with one, the service is down
     * while it restarts.
     * <p>
     * The settling time is Kubernetes' {@code minReadySeconds}: an instance just started answers its first requests
     * slowly, its code not yet compiled, and while it warms up under the others' share of the traffic, the instance it
     * would stand in for must not go away too.
     */
    public void roll(Service service, RollProgress progress) {
        startup.prepare(List.of(service));
        List<Instance> instances = topology.instances(service);
        for (Instance instance : instances) {
            long started = System.nanoTime();
            stop(instance);
            startup.start(instance);
            progress.restarted(instance, Duration.ofNanos(System.nanoTime() - started));
            if (instance != instances.getLast()) {
                Supervisor.pause(settleTime);
            }
        }
    }

    /**
     * Kills the PostgreSQL server that a killed LocalPostgres left running, since {@code pg_ctl} starts it detached,
     * with the processes it forked, which must not hold on to its shared memory when the next server starts. Like
     * any crashed PostgreSQL, it recovers from its write-ahead log at the next start, losing nothing committed.
     */
    private void killPostgresLeftRunning(Service service) {
        if (service == POSTGRES) {
            LocalPostgres.serverIn(topology.postgresDataDir())
                    .ifPresent(server -> supervisor.killLeftRunning(Instance.first(POSTGRES), server));
        }
    }

    /** Stops every running instance in reverse start order. */
    public void stopAll() {
        Arrays.asList(Service.values()).reversed().forEach(this::stop);
    }

    /** Stops everything and releases the HTTP client. */
    @Override
    public void close() {
        try {
            stopAll();
        } finally {
            health.close();
        }
    }

    /** The process of the service's first instance, also when another launcher started it (by its pid file). */
    public Optional<ProcessHandle> process(Service service) {
        return process(Instance.first(service));
    }

    public Optional<ProcessHandle> process(Instance instance) {
        return supervisor.process(instance);
    }

    /** Whether any instance of the service runs. */
    public boolean isRunning(Service service) {
        return topology.instances(service).stream().anyMatch(instance -> process(instance).isPresent());
    }

    /** Whether the instance is ready for work, as {@link HealthProbe} tells. */
    public boolean isHealthy(Instance instance) {
        return health.isReady(instance);
    }

    /** Whether the service's first instance is ready for work, as {@link HealthProbe} tells. */
    public boolean isHealthy(Service service) {
        return isHealthy(Instance.first(service));
    }

    /** The service's instances: several of a replicated one with {@link LocalSystemBuilder#replicas(int)}. */
    public List<Instance> instances(Service service) {
        return topology.instances(service);
    }

    public int replicas() {
        return topology.replicas();
    }

    public int port(Service service) {
        return topology.port(service);
    }

    public int port(Instance instance) {
        return topology.port(instance);
    }

    /** {@code http://127.0.0.1:<port>} of an HTTP service's first instance. */
    public String baseUrl(Service service) {
        return topology.baseUrl(service);
    }

    public String baseUrl(Instance instance) {
        return topology.baseUrl(instance);
    }

    /** The {@code bootstrap.servers} of the local Kafka broker. */
    public String kafkaBootstrapServers() {
        return topology.kafkaBootstrapServers();
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>}, the local PostgreSQL server; a database's URL adds its name. */
    public String postgresUrl() {
        return topology.postgresUrl();
    }

    /** Where a service's first instance is reached: its URL, Kafka's bootstrap servers or PostgreSQL's JDBC URL. */
    public String address(Service service) {
        return address(Instance.first(service));
    }

    public String address(Instance instance) {
        return topology.address(instance);
    }

    /** Whether auth, product, order and report keep their data in PostgreSQL rather than in H2 files. */
    public boolean onPostgres() {
        return topology.onPostgres();
    }

    /** Whether the gateway listens on every address of this machine rather than on its loopback only. */
    public boolean publicGateway() {
        return topology.publicGateway();
    }

    /** Whether a Zipkin server is part of the system and every application sends it its spans. */
    public boolean tracing() {
        return topology.tracing();
    }

    /** The issuer every token names: the gateway's address, through which browsers reach auth. */
    public String issuer() {
        return topology.issuer();
    }

    /** The services {@link #startAll()} starts, in start order. */
    public List<Service> services() {
        return topology.services();
    }

    public Path homeDir() {
        return topology.home();
    }

    public Path logDir() {
        return supervisor.logDir();
    }

    /** Where the output of a service's first instance goes, appended at every start. */
    public Path logFile(Service service) {
        return logFile(Instance.first(service));
    }

    public Path logFile(Instance instance) {
        return supervisor.logFile(instance);
    }

    /** The executable jar an HTTP service's image is made from, or Zipkin's. */
    Path jar(Service service) {
        return startup.jar(service);
    }

    /** Refuses, naming every problem at once, to start services that cannot start now. */
    void checkCanStart(Collection<Service> toStart) {
        startup.checkCanStart(toStart);
    }

    /** Makes the images the services run from, unless they are up to date (see {@link ServiceImage}). */
    public void prepare(Collection<Service> toPrepare) {
        startup.prepare(toPrepare);
    }

    /** The full command line of the process of a service's first instance. */
    List<String> command(Service service) {
        return command(Instance.first(service));
    }

    List<String> command(Instance instance) {
        return startup.command(instance);
    }
}
