package io.sirenorder.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The processes of the local system, in start order: PostgreSQL (when the system runs on it rather than on H2
 * files) and Kafka first, because the services need them, the gateway last, because it fronts the others. They stop
 * in reverse order.
 */
public enum Service {

    // these two run LocalPostgres and LocalKafkaBroker from siren-local's classpath, not jars of their own
    POSTGRES(5432, null, "64m"),
    KAFKA(9092, null, "384m"),
    PRODUCT(8082, "product-service", "256m"),
    ORDER(8081, "order-service", "256m"),
    REPORT(8083, "report-service", "256m"),
    NOTIFICATION(8084, "notification-service", "256m"),
    GATEWAY(8080, "gateway", "256m");

    private final int defaultPort;
    private final String module;
    private final String maxHeap;

    Service(int defaultPort, String module, String maxHeap) {
        this.defaultPort = defaultPort;
        this.module = module;
        this.maxHeap = maxHeap;
    }

    /** The name users type and see: {@code kafka}, {@code product}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** Whether this is a Spring Boot service with an HTTP readiness probe (everything but PostgreSQL and Kafka). */
    public boolean isHttp() {
        return module != null;
    }

    /** The executable jar Maven builds for this service; PostgreSQL and Kafka run from siren-local's classpath. */
    public Path jar(Path repoDir) {
        if (!isHttp()) {
            throw new IllegalArgumentException(id() + " does not run from a jar of its own");
        }
        return repoDir.resolve(module).resolve("target").resolve(module + ".jar");
    }

    /**
     * Small JVMs that start fast: the whole local system has to fit well under 2 GB. They compile with C1 only: six
     * JVMs share two cores, and C2's compiler threads took a third of a service's CPU for minutes of load. With C1
     * alone (siren-bench, same run conditions) the system starts in 18.5 s instead of 29 s, places 2.6 times as many
     * orders a second at 4.6 instead of 12.3 ms of CPU each, and holds 250 MB less.
     */
    List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms64m",
                "-Xmx" + maxHeap, "-XX:ReservedCodeCacheSize=64m", "-Xss512k"));
        if (Runtime.version().feature() >= 24) {
            // Kafka and Netty still use sun.misc.Unsafe, which JDK 24+ would warn about in every log
            options.add("--sun-misc-unsafe-memory-access=allow");
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
