package io.sirenorder.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The processes of the local system, in start order: PostgreSQL (when the system runs on it rather than on H2
 * files) and Kafka first, because the services need them, and Zipkin (when the system is traced), so that it takes
 * the services' spans from their start; then auth, which issues the tokens the others check, and the gateway last,
 * because it fronts the others. They stop in reverse order.
 */
public enum Service {

    // these two run LocalPostgres and LocalKafkaBroker from siren-local's classpath, not jars of their own
    POSTGRES(null, "64m"),
    KAFKA(null, "384m"),
    // runs LocalZipkin's jar; its traces, kept in memory, are limited to what this heap holds (see LocalZipkin)
    ZIPKIN(null, "128m"),
    // about 30 MB live with a few hundred signed-in sessions (some 6 KB each, kept 30 minutes)
    AUTH("auth-service", "128m"),
    PRODUCT("product-service", "256m"),
    ORDER("order-service", "256m"),
    REPORT("report-service", "256m"),
    NOTIFICATION("notification-service", "256m"),
    GATEWAY("gateway", "256m");

    private final String module;
    private final String maxHeap;

    Service(String module, String maxHeap) {
        this.module = module;
        this.maxHeap = maxHeap;
    }

    /** The name users type and see: {@code kafka}, {@code product}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether this is one of SirenOrder's own Spring Boot applications, with an HTTP readiness probe (everything but
     * PostgreSQL, Kafka and Zipkin).
     */
    public boolean isHttp() {
        return module != null;
    }

    /** Whether it is reached at an {@code http://} URL: SirenOrder's applications, and Zipkin. */
    public boolean hasBaseUrl() {
        return isHttp() || this == ZIPKIN;
    }

    /** Whether it runs from an executable jar the build makes: SirenOrder's applications, and Zipkin. */
    public boolean runsFromJar() {
        return isHttp() || this == ZIPKIN;
    }

    /**
     * The executable jar Maven builds for this service, or copies for Zipkin; PostgreSQL and Kafka run from
     * siren-local's classpath.
     */
    public Path jar(Path repoDir) {
        if (this == ZIPKIN) {
            return LocalZipkin.jar(repoDir);
        }
        if (!isHttp()) {
            throw new IllegalArgumentException(id() + " does not run from a jar of its own");
        }
        return repoDir.resolve(module).resolve("target").resolve(module + ".jar");
    }

    /**
     * Small JVMs: the whole local system has to fit well under 2 GB. The JIT is the JVM's own, tiered up to C2: once
     * warm, C2's code places several times as many orders a second as C1's alone; C1 alone wins only the first minute
     * of heavy load after a start, while C2 compiles (measured by {@code ./siren bench jit}, figures in the README).
     * The start-up time C2 costs is won back by the class cache each service runs with ({@link ServiceImage}).
     */
    List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xms64m",
                "-Xmx" + maxHeap, "-XX:ReservedCodeCacheSize=64m", "-Xss512k",
                // the class cache mapped where it was made, not moved: moving it writes to every page of it, which
                // then stays resident
                "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0"));
        if (Runtime.version().feature() >= 22) {
            // gives back to the system, every 5 s, what the JIT and the threads freed of the native heap
            options.add("-XX:TrimNativeHeapInterval=5000");
        }
        if (Runtime.version().feature() >= 24) {
            // Kafka and Netty still use sun.misc.Unsafe, which JDK 24+ would warn about in every log
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        if (this == ZIPKIN && Runtime.version().feature() >= 24) {
            // Zipkin's Netty loads its native transport, which JDK 24+ would warn about at every start
            options.add("--enable-native-access=ALL-UNNAMED");
        }
        return options;
    }

    public static Service named(String id) {
        return Arrays.stream(values())
                .filter(service -> service.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown service '" + id + "' (one of: " + allIds() + ")"));
    }

    public static String allIds() {
        return Arrays.stream(values()).map(Service::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id();
    }
}
