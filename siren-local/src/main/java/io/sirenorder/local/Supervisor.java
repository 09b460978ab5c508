package io.sirenorder.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Runs each service in a JVM process of its own and finds it again, also for another launcher with the same home,
 * such as {@code ./siren stop} in another terminal. Under the home, a process's output is appended to
 * {@code logs/<service>.log}, its pid kept in {@code run/<service>.pid}, and the service runs from
 * {@code run/<service>/}. A process only counts as the service while its command line carries the markers of that
 * service and home, so a stale pid reused by another program is never signalled.
 * <p>
 * Processes run detached in their own session (through {@code setsid} where it exists): a Ctrl-C in the launcher's
 * terminal reaches only the launcher, which then stops the services in order, and {@code ./siren start} leaves a
 * service running after the terminal closes.
 */
final class Supervisor {

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 25;
    private static final Optional<Path> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst();

    private final Path home;
    private final Path workingDir;

    Supervisor(Path home, Path workingDir) {
        this.home = home;
        this.workingDir = workingDir;
    }

    Path logDir() {
        return home.resolve("logs");
    }

    Path logFile(Instance instance) {
        return logDir().resolve(instance.id() + ".log");
    }

    /**
     * Where a service runs from: a build (say {@code ./siren test} beside {@code ./siren up}) makes new files in
     * {@code target/}, and must not change the files under a running service.
     */
    Path runDir(Instance instance) {
        return home.resolve("run").resolve(instance.id());
    }

    /** The command line that runs a JVM, marked as the service, with these options and this program and arguments. */
    List<String> command(Instance instance, List<String> jvmOptions, List<String> program) {
        List<String> command = new ArrayList<>();
        SETSID.ifPresent(setsid -> command.add(setsid.toString()));
        command.add(JavaCommand.javaBinary().toString());
        command.addAll(jvmOptions);
        command.addAll(markers(instance));
        command.addAll(program);
        return command;
    }

    /** Starts a service's process, its output appended to the service's log, and records its pid. */
    Process launch(Instance instance, List<String> command, Map<String, String> env) {
        Path logFile = logFile(instance);
        try {
            Files.createDirectories(logFile.getParent());
            String startedAt = LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            String banner = "%n==== %s starting %s: %s%n%n"
                    .formatted(startedAt, instance, String.join(" ", command));
            Files.writeString(logFile, banner, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            var builder = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(logFile.toFile()));
            // glibc's default of eight malloc arenas per core would keep the JIT's and many threads' freed memory
            builder.environment().put("MALLOC_ARENA_MAX", "2");
            builder.environment().putAll(env);
            Process process = builder.start();
            pidFile(instance).write(process.pid());
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + instance, e);
        }
    }

    /**
     * Waits until a service just launched is ready. Throws, naming the service and quoting the end of its log, when
     * it exits or is not ready within {@code timeout}; it is not left running then.
     */
    void awaitReady(Instance instance, Process process, Duration timeout, BooleanSupplier ready) {
        Instant deadline = Instant.now().plus(timeout);
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                pidFile(instance).delete();
                throw new IllegalStateException(instance + " exited with code " + process.exitValue()
                        + " while starting" + logExcerpt(instance));
            }
            if (Instant.now().isAfter(deadline)) {
                killAndAwait(instance, process.toHandle());
                pidFile(instance).delete();
                throw new IllegalStateException(instance + " was not ready within " + timeout.toSeconds()
                        + " s, so it was stopped" + logExcerpt(instance));
            }
            pause(POLL_INTERVAL);
        }
    }

    /** The service's process, also when another launcher started it (found through its pid file). */
    Optional<ProcessHandle> process(Instance instance) {
        return pidFile(instance).read().stream()
                .mapToObj(ProcessHandle::of)
                .flatMap(Optional::stream)
                .filter(ProcessHandle::isAlive)
                .filter(process -> commandLineOf(process).containsAll(markers(instance)))
                .findFirst();
    }

    /** Stops a service gracefully (SIGTERM), killing it when it has not stopped within {@code timeout}. */
    void stop(Instance instance, Duration timeout) {
        process(instance).ifPresentOrElse(process -> {
            process.destroy();
            if (!hasExited(process, timeout)) {
                log.warn("{} did not stop within {} s; killing it", instance, timeout.toSeconds());
                killAndAwait(instance, process);
            }
        }, () -> forgetStalePid(instance));
        pidFile(instance).delete();
    }

    /** Kills a service at once (SIGKILL), as a crash would: no graceful shutdown. */
    void kill(Instance instance) {
        process(instance).ifPresentOrElse(process -> killAndAwait(instance, process), () -> forgetStalePid(instance));
        pidFile(instance).delete();
    }

    /** Kills a process a service left running, such as a server it started detached, with every process it forked. */
    void killLeftRunning(Instance instance, ProcessHandle root) {
        // listed before the first kill: once the root is gone, the processes it forked no longer descend from it
        List<ProcessHandle> processes = Stream.concat(Stream.of(root), root.descendants()).toList();
        processes.forEach(process -> killAndAwait(instance, process));
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** What marks a process as this service of this home, for {@link #process(Instance)}; visible in ps, too. */
    private List<String> markers(Instance instance) {
        return List.of("-Dsiren.service=" + instance.id(), "-Dsiren.home=" + home);
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

    private PidFile pidFile(Instance instance) {
        return new PidFile(home.resolve("run").resolve(instance.id() + ".pid"));
    }

    private void forgetStalePid(Instance instance) {
        pidFile(instance).read().stream()
                .mapToObj(ProcessHandle::of)
                .flatMap(Optional::stream)
                .filter(ProcessHandle::isAlive)
                .forEach(other -> log.warn("{} names pid {}, which now belongs to another program; leaving that alone",
                        pidFile(instance).path(), other.pid()));
    }

    private static void killAndAwait(Instance instance, ProcessHandle process) {
        process.destroyForcibly();
        if (!hasExited(process, KILL_TIMEOUT)) {
            throw new IllegalStateException(instance + " (pid " + process.pid() + ") survived SIGKILL for "
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

    /** The end of a service's log, so that a failure explains itself also where only the exception is shown (CI). */
    private String logExcerpt(Instance instance) {
        Path logFile = logFile(instance);
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
}
