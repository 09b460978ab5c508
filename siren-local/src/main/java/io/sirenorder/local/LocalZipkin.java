package io.sirenorder.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Zipkin server of a traced local system ({@code ./siren up --tracing}): Zipkin's own executable jar, which
 * siren-local's build copies to {@code siren-local/target/zipkin/zipkin-server.jar}, run with {@code java -jar} as
 * a process of the system like the others. It keeps the traces in memory only, so they go with it when it stops,
 * listens on the loopback only, and serves its UI, its API ({@code /api/v2/...}) and its readiness ({@code /health})
 * on one port; every service sends it its spans over HTTP.
 */
final class LocalZipkin {

    /** Where Zipkin answers 200 once it takes spans and queries. */
    static final String HEALTH_PATH = "/health";

    /** Where Zipkin's UI is, which {@code /} redirects to. */
    static final String UI_PATH = "/zipkin/";

    /**
     * The most spans Zipkin keeps; beyond, it forgets the oldest traces. Zipkin's default, 500,000, would take over a
     * gigabyte of heap: under the benchmark's load a span of ours took about 3 KB, and 20,000 of them left Zipkin's
     * 128 MB heap in full collections (54 in 6 minutes, 28 s of them). 10,000 are the last thousand orders or so,
     * plenty for following one.
     */
    static final int MAX_SPANS = 10_000;

    private static final String JAR_NAME = "zipkin-server.jar";

    private LocalZipkin() {
    }

    /** Where siren-local's build copies Zipkin's executable jar (see siren-local's pom). */
    static Path jar(Path repoDir) {
        return repoDir.resolve("siren-local").resolve("target").resolve("zipkin").resolve(JAR_NAME);
    }

    /**
     * Puts Zipkin's jar under {@code runDir}, as {@link ServiceImage} puts an application's files: a hard link (a copy
     * where the file system allows none), so that a build beside a running Zipkin, even {@code mvn clean}, leaves the
     * jar it reads its classes from alone.
     */
    static void installIn(Path jar, Path runDir) {
        try {
            ServiceImage.deleteRecursively(runDir);
            Files.createDirectories(runDir);
            ServiceImage.linkOrCopy(jar, runDir.resolve(JAR_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install zipkin in " + runDir, e);
        }
    }

    /** The arguments after {@code java} that run Zipkin from its jar installed in runDir. */
    static List<String> runFrom(Path runDir) {
        return List.of("-jar", runDir.resolve(JAR_NAME).toString());
    }

    /**
     * Zipkin's own settings: its port on the loopback only (Zipkin serves with Armeria, configured by {@code
     * armeria.ports}, not Spring Boot's {@code server.*}; its {@code QUERY_PORT} only sets the port, and on every
     * address), and the in-memory storage, its default, bounded.
     */
    static List<String> arguments(int port) {
        return List.of("--armeria.ports[0].ip=" + Topology.HOST, "--armeria.ports[0].port=" + port,
                "--armeria.ports[0].protocols[0]=http", "--zipkin.storage.type=mem",
                "--zipkin.storage.mem.max-spans=" + MAX_SPANS);
    }

    /**
     * What makes a service send its spans to the Zipkin at {@code baseUrl}: siren-observability's defaults sample
     * every trace but export none.
     */
    static List<String> exportArguments(String baseUrl) {
        return List.of("--management.tracing.export.zipkin.enabled=true",
                "--management.tracing.export.zipkin.endpoint=" + baseUrl + "/api/v2/spans");
    }
}
