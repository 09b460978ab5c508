package io.sirenorder.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a service runs from, made once per build: its Spring Boot jar extracted into a plain jar and its libraries
 * (classes load faster from them, and only classes from plain jars can be cached), with a cache of the classes the
 * service loads and links while it starts, taken from a training run that starts its application context and exits.
 * On JDK 25 and newer that is the JVM's ahead-of-time cache ({@code -XX:AOTCacheOutput}, JEP 483 and 515), on JDK 21
 * to 24 a CDS archive ({@code -XX:ArchiveClassesAtExit}); either makes a service start much faster. This is
 * how Spring Boot documents running with an AOT cache, for extracted jars.
 * <p>
 * The image lives in {@code <module>/target/siren-image/}, beside the jar it was made from, and is made again when
 * that jar, the JDK or the JVM options change (a cache only serves the JVM and options it was made with). Each
 * process runs from links to the image's files under its home, so a build that makes a new image never changes the
 * files of a running service.
 */
final class ServiceImage {

    private static final Logger log = LoggerFactory.getLogger(ServiceImage.class);

    private static final String STAMP = "image.stamp";
    private static final String TRAINING_LOG = "training.log";

    private final Service service;
    private final Path repoDir;

    ServiceImage(Service service, Path repoDir) {
        this.service = service;
        this.repoDir = repoDir;
    }

    /** Whether this JDK has the ahead-of-time cache; older ones get a CDS archive instead. */
    static boolean hasAotCache() {
        return Runtime.version().feature() >= 25;
    }

    /**
     * Makes the image unless it is up to date with the service's jar, this JDK and {@code jvmOptions}. Several
     * processes may ask at once ({@code ./siren up} beside a test run): a file lock lets one make it. {@code addresses}
     * are the arguments that tell the service where the others are, which it needs to start at all.
     */
    void prepare(List<String> jvmOptions, List<String> addresses) {
        String stamp = stamp(jvmOptions);
        if (isUpToDate(stamp)) {
            return;
        }
        Path target = dir().getParent();
        try (FileChannel lock = FileChannel.open(target.resolve("siren-image.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             var held = lock.lock()) {
            if (isUpToDate(stamp)) {
                return; // made meanwhile by another process
            }
            log.info("Preparing {} to start fast, once per build: extracting its jar and training its class cache",
                    service);
            Path making = target.resolve("siren-image.making");
            deleteRecursively(making);
            extract(making);
            train(making, jvmOptions, addresses);
            Files.writeString(making.resolve(STAMP), stamp);
            deleteRecursively(dir());
            Files.move(making, dir(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + service + " to run from " + dir(), e);
        }
    }

    /**
     * Puts the image's files under {@code runDir}, which must not be in use: hard links where the file system allows
     * them (instant, and no space), copies otherwise. Both keep the files' modification times, which the cache checks.
     */
    void installIn(Path runDir) {
        try {
            deleteRecursively(runDir);
            try (Stream<Path> files = Files.walk(dir())) {
                for (Path file : files.toList()) {
                    Path copy = runDir.resolve(dir().relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        linkOrCopy(file, copy);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install " + service + " in " + runDir, e);
        }
    }

    /** The JVM options and arguments after {@code java} that run the service from its image installed in runDir. */
    List<String> runFrom(Path runDir) {
        return List.of(cacheOption(runDir.resolve(cacheFile()), false), "-jar", runDir.resolve(jarName()).toString());
    }

    private void extract(Path into) throws IOException {
        run(List.of(JavaCommand.javaBinary().toString(), "-Djarmode=tools", "-jar", service.jar(repoDir).toString(),
                "extract", "--destination", into.toString()), into.getParent().resolve("siren-image-extract.log"),
                "extract");
    }

    /**
     * Starts the service's application context once, with the options it will run with, and writes the cache on
     * exit. It needs nothing outside: an in-memory database, and no broker (the context does not wait for one).
     */
    private void train(Path image, List<String> jvmOptions, List<String> addresses) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(JavaCommand.javaBinary().toString());
        command.addAll(jvmOptions);
        command.add(cacheOption(image.resolve(cacheFile()), true));
        command.add("-Dspring.context.exit=onRefresh");
        command.addAll(List.of("-jar", image.resolve(jarName()).toString()));
        command.addAll(List.of("--server.port=0", "--spring.profiles.active=local",
                "--spring.datasource.url=jdbc:h2:mem:training",
                "--spring.kafka.bootstrap-servers=" + Topology.HOST + ":" + Ports.freePort(),
                "--spring.kafka.admin.auto-create=false"));
        command.addAll(addresses);
        run(command, image.resolve(TRAINING_LOG), "training run");
        if (!Files.isRegularFile(image.resolve(cacheFile()))) {
            throw new IllegalStateException("the training run of " + service + " wrote no cache; see "
                    + image.resolve(TRAINING_LOG));
        }
    }

    private void run(List<String> command, Path log, String what) throws IOException {
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(Redirect.to(log.toFile()))
                .start();
        try {
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("the " + what + " of " + service + " failed with exit code " + exit
                        + "; see " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the " + what + " of " + service, e);
        }
    }

    private static String cacheOption(Path cache, boolean write) {
        if (hasAotCache()) {
            return (write ? "-XX:AOTCacheOutput=" : "-XX:AOTCache=") + cache;
        }
        return (write ? "-XX:ArchiveClassesAtExit=" : "-XX:SharedArchiveFile=") + cache;
    }

    private boolean isUpToDate(String stamp) {
        Path file = dir().resolve(STAMP);
        try {
            return Files.isRegularFile(file) && Files.readString(file).equals(stamp);
        } catch (IOException e) {
            return false;
        }
    }

    /** What the image was made from: the jar (by size and time), the JDK and the JVM options. */
    private String stamp(List<String> jvmOptions) {
        try {
            BasicFileAttributes jar = Files.readAttributes(service.jar(repoDir), BasicFileAttributes.class);
            return String.join("\n", "jar " + jar.size() + " " + jar.lastModifiedTime().toMillis(),
                    "java " + JavaCommand.javaBinary() + " " + Runtime.version(),
                    "options " + String.join(" ", jvmOptions)) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + service.jar(repoDir), e);
        }
    }

    private Path dir() {
        return service.jar(repoDir).resolveSibling("siren-image");
    }

    private String jarName() {
        return service.jar(repoDir).getFileName().toString();
    }

    private String cacheFile() {
        return service.id() + (hasAotCache() ? ".aot" : ".jsa");
    }

    static void linkOrCopy(Path file, Path copy) throws IOException {
        try {
            Files.createLink(copy, file);
        } catch (IOException | UnsupportedOperationException notOnThisFileSystem) {
            Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
