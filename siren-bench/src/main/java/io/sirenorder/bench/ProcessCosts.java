package io.sirenorder.bench;

import static io.sirenorder.local.Service.NOTIFICATION;

import io.sirenorder.bench.SystemBench.Process;
import io.sirenorder.bench.SystemBench.Subscribers;
import io.sirenorder.local.LocalSystem;
import io.sirenorder.local.Service;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** What the system's processes cost: CPU time, resident memory, and what idle SSE streams add to notification. */
final class ProcessCosts {

    private static final int IDLE_STREAMS = 2_000;

    private ProcessCosts() {
    }

    /** Every running process's CPU time so far: Kafka's and the services'. */
    static Map<Service, Duration> cpuTimes(LocalSystem system) {
        Map<Service, Duration> cpu = new LinkedHashMap<>();
        for (Service service : system.services()) {
            system.process(service).ifPresent(process -> cpu.put(service,
                    process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException(
                            "no CPU time for " + service))));
        }
        return cpu;
    }

    /** The CPU time of every process between two readings, in microseconds per order placed meanwhile. */
    static double cpuMicrosPerOrder(Map<Service, Duration> cpuBefore, Map<Service, Duration> cpuAfter, long placed) {
        return cpuAfter.keySet().stream().mapToLong(service -> cpuAfter.get(service).minus(cpuBefore.get(service))
                .toNanos()).sum() / 1e3 / placed;
    }

    /** Each process's CPU time between two readings, and its resident memory now. */
    static List<Process> processes(LocalSystem system, Map<Service, Duration> cpuBefore,
            Map<Service, Duration> cpuAfter) throws IOException {
        List<Process> processes = new ArrayList<>();
        for (Service service : cpuAfter.keySet()) {
            ProcessHandle process = system.process(service).orElseThrow();
            processes.add(new Process(service.id(),
                    cpuAfter.get(service).minus(cpuBefore.get(service)).toMillis() / 1e3,
                    residentMegabytes(process), megabytes(process, "smaps_rollup", "Pss:"),
                    megabytes(process, "status", "RssAnon:")));
        }
        return processes;
    }

    /**
     * Opens {@value #IDLE_STREAMS} streams straight at notification, each on a connection of its own as browsers'
     * would, waits until its gauge counts them all, and measures what they added to its resident memory and threads.
     */
    static Subscribers idleSubscribers(LocalSystem system, SystemHttp http) throws Exception {
        System.out.printf("Subscribers: %,d idle SSE streams at notification%n", IDLE_STREAMS);
        ProcessHandle notification = system.process(NOTIFICATION).orElseThrow();
        long residentBefore = residentMegabytes(notification);
        long threadsBefore = threads(notification);
        String gauge = system.baseUrl(NOTIFICATION) + "/actuator/metrics/siren.notifications.subscribers";
        // a client of their own: its close() waits for its exchanges, so each stream is closed first
        try (HttpClient streams = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest stream = HttpRequest.newBuilder(URI.create(system.baseUrl(NOTIFICATION)
                    + "/notifications/stream")).build();
            List<CompletableFuture<HttpResponse<Stream<String>>>> open = new ArrayList<>();
            for (int i = 0; i < IDLE_STREAMS; i++) {
                open.add(streams.sendAsync(stream, HttpResponse.BodyHandlers.ofLines()));
            }
            SystemHttp.awaitUntil(Duration.ofSeconds(60), "notification to count every stream", () ->
                    http.json(gauge).get("measurements").get(0).get("value").asInt() >= IDLE_STREAMS);
            Subscribers subscribers = new Subscribers(IDLE_STREAMS, residentBefore,
                    residentMegabytes(notification), threadsBefore, threads(notification));
            open.forEach(response -> response.thenAccept(answer -> answer.body().close()));
            return subscribers;
        }
    }

    private static long threads(ProcessHandle process) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
            return tasks.count();
        }
    }

    private static long residentMegabytes(ProcessHandle process) throws IOException {
        return megabytes(process, "status", "VmRSS:");
    }

    /** A size the kernel gives for the process in {@code /proc/<pid>/<file>}, such as {@code VmRSS:} in status. */
    private static long megabytes(ProcessHandle process, String file, String field) throws IOException {
        return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), file)).stream()
                .filter(line -> line.startsWith(field))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
                .findFirst()
                .orElseThrow();
    }
}
