package io.sirenorder.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Configures a {@link LocalSystem}. Defaults: the repository found from the working directory upwards, home
 * {@code <repo>/.siren}, H2 files, no tracing, every service on its usual port, 90 s to start and 20 s to stop each,
 * and in a rolling update 10 s for an instance to settle before the next.
 */
public final class LocalSystemBuilder {

    // the settings, which LocalSystem reads when it is built
    Path repoDir;
    Path homeDir;
    boolean onPostgres;
    boolean publicGateway;
    boolean tracing;
    int replicas = 1;
    EnumSet<Service> services;
    final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    boolean freePorts;
    final Map<Service, List<String>> extraArgs = new EnumMap<>(Service.class);
    final Map<Service, Map<String, String>> extraEnv = new EnumMap<>(Service.class);
    final List<String> extraJvmOptions = new ArrayList<>();
    Duration startTimeout = Duration.ofSeconds(90);
    Duration stopTimeout = Duration.ofSeconds(20);
    Duration settleTime = Duration.ofSeconds(10);

    LocalSystemBuilder() {
    }

    /** Where {@code <module>/target/<module>.jar} are built. */
    public LocalSystemBuilder repoDir(Path repoDir) {
        this.repoDir = repoDir;
        return this;
    }

    /** Where data, logs and pid files go, instead of {@code <repo>/.siren}. */
    public LocalSystemBuilder homeDir(Path homeDir) {
        this.homeDir = homeDir;
        return this;
    }

    /**
     * Auth, product, order and report keep their data in a local PostgreSQL server, which becomes part of the
     * system, instead of in H2 files.
     */
    public LocalSystemBuilder postgres() {
        this.onPostgres = true;
        return this;
    }

    /**
     * The gateway listens on every address of this machine, so that others on the network reach it; by default
     * it listens on the loopback only, like every other process.
     */
    public LocalSystemBuilder publicGateway() {
        this.publicGateway = true;
        return this;
    }

    /**
     * A Zipkin server becomes part of the system, and every application sends it its spans; its base URL is
     * {@link LocalSystem#baseUrl(Service)} of {@link Service#ZIPKIN}.
     */
    public LocalSystemBuilder tracing() {
        this.tracing = true;
        return this;
    }

    /**
     * Runs {@code replicas} instances of product, order, report and notification, each on a port of its own, behind
     * the gateway; they share their service's database, so the system must run on PostgreSQL.
     */
    public LocalSystemBuilder replicas(int replicas) {
        this.replicas = replicas;
        return this;
    }

    /**
     * The services {@link LocalSystem#startAll()} starts (always in start order); by default all of them, with
     * {@link Service#POSTGRES} only when the system runs on PostgreSQL and {@link Service#ZIPKIN} only when it is
     * traced.
     */
    public LocalSystemBuilder services(Service... services) {
        this.services = EnumSet.copyOf(List.of(services));
        return this;
    }

    public LocalSystemBuilder port(Service service, int port) {
        ports.put(service, port);
        return this;
    }

    /** Every service without an explicit port gets a free one, so tests can run beside {@code ./siren up}. */
    public LocalSystemBuilder freePorts() {
        this.freePorts = true;
        return this;
    }

    /** More command-line arguments for a service; one like {@code --name=value} replaces the standard one. */
    public LocalSystemBuilder args(Service service, String... args) {
        extraArgs.merge(service, List.of(args), (before, more) -> Stream.concat(before.stream(), more.stream())
                .toList());
        return this;
    }

    /** More JVM options for every process, after the standard ones, e.g. to compare JIT settings. */
    public LocalSystemBuilder jvmOptions(String... options) {
        extraJvmOptions.addAll(List.of(options));
        return this;
    }

    /** An environment variable for a service's process. */
    public LocalSystemBuilder env(Service service, String name, String value) {
        extraEnv.computeIfAbsent(service, any -> new HashMap<>()).put(name, value);
        return this;
    }

    public LocalSystemBuilder startTimeout(Duration startTimeout) {
        this.startTimeout = startTimeout;
        return this;
    }

    public LocalSystemBuilder stopTimeout(Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
        return this;
    }

    /** How long a rolling update lets an instance it restarted warm up before it restarts the next one. */
    public LocalSystemBuilder settleTime(Duration settleTime) {
        this.settleTime = settleTime;
        return this;
    }

    public LocalSystem build() {
        return new LocalSystem(this);
    }
}
