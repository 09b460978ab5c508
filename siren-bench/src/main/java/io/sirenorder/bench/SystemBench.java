package io.sirenorder.bench;

import static io.sirenorder.local.Service.GATEWAY;
import static io.sirenorder.local.Service.NOTIFICATION;
import static io.sirenorder.local.Service.ORDER;
import static io.sirenorder.local.Service.PRODUCT;
import static io.sirenorder.local.Service.REPORT;

import io.sirenorder.events.Topics;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole system under load, as {@code ./siren up} runs it (every service, on free ports, its files under
 * {@code siren-bench/target/system-bench/}), in one run: the seed's experiment (100 customers ordering through the
 * gateway over a menu with sold-out items), the ceiling (a trivial read through the gateway and straight at the
 * service), propagation (product changes at a steady rate until order's menu, the report and an SSE subscriber have
 * them) and cost (CPU seconds per order, resident memory). wrk is the load tool. Writes {@code bench.md},
 * {@code bench.json} and {@code latency.png} under {@code siren-bench/target/bench/}. Run it from the repository:
 * {@code ./siren bench [seconds]}.
 */
public final class SystemBench {

    private static final int CUSTOMERS = 100;
    private static final Duration DEFAULT_MEASURED = Duration.ofSeconds(20);
    private static final Duration WARM_UP = Duration.ofSeconds(15);
    private static final int CHANGES_PER_SECOND = 50;
    private static final int IDLE_STREAMS = 2_000;
    private static final Duration PROPAGATION = Duration.ofSeconds(20);
    private static final Path HOME = Path.of("siren-bench", "target", "system-bench");
    private static final Path RESULTS = Path.of("siren-bench", "target", "bench");
    private static final JsonMapper JSON = JsonMapper.shared();

    /** One wrk run's figures under a name. */
    record Load(String name, Wrk.Result result) {
    }

    /** Commit → visible, in milliseconds. */
    record Propagation(String where, double p50, double p99) {
    }

    /** What one process cost: CPU seconds during the measured orders, resident memory at the end. */
    record Process(String name, double cpuSeconds, long residentMegabytes) {
    }

    /** Idle SSE streams held open at notification: what they cost it. */
    record Subscribers(int streams, long residentBeforeMegabytes, long residentAfterMegabytes, long threadsBefore,
                       long threadsAfter) {

        double kilobytesEach() {
            return (residentAfterMegabytes - residentBeforeMegabytes) * 1024.0 / streams;
        }
    }

    record Results(String date, int cores, double startSeconds, int customers, double measuredSeconds,
                   Load orders, Load gatewayCeiling, Load directCeiling, List<Propagation> propagation,
                   List<Process> processes, Subscribers subscribers) {

        long ordered() {
            return orders.result().answered(status -> status == 201);
        }

        double cpuMicrosPerOrder() {
            return processes.stream().mapToDouble(Process::cpuSeconds).sum() * 1e6 / ordered();
        }

        long residentMegabytes() {
            return processes.stream().mapToLong(Process::residentMegabytes).sum();
        }
    }

    private SystemBench() {
    }

    public static void main(String[] args) throws Exception {
        Duration measured = args.length > 0 ? Duration.ofSeconds(Long.parseLong(args[0])) : DEFAULT_MEASURED;
        if (!Wrk.installed()) {
            throw new IllegalStateException("the benchmark loads the system with wrk, which is not installed "
                    + "(Debian/Ubuntu: apt-get install wrk)");
        }
        OutboxLatencyBench.deleteRecursively(HOME);
        try (LocalSystem system = LocalSystem.builder()
                .homeDir(HOME)
                .freePorts()
                .args(ORDER, lagPercentiles())
                .args(REPORT, lagPercentiles())
                .args(NOTIFICATION, lagPercentiles())
                .build();
             SystemHttp http = new SystemHttp()) {
            System.out.printf("Starting the system (logs in %s)%n", system.logDir());
            long starting = System.nanoTime();
            system.startAll();
            double startSeconds = (System.nanoTime() - starting) / 1e9;
            Results results = measure(system, http, measured, startSeconds);
            write(results);
        }
    }

    private static Results measure(LocalSystem system, SystemHttp http, Duration measured, double startSeconds)
            throws Exception {
        String gateway = system.baseUrl(GATEWAY);
        List<String> menu = http.registerMenu(system, 10, 2);

        System.out.printf("Orders: %d customers through the gateway, %d s warm-up, %d s measured%n", CUSTOMERS,
                WARM_UP.toSeconds(), measured.toSeconds());
        Wrk.run(gateway, "orders.lua", CUSTOMERS, WARM_UP, menu);
        Map<Service, Duration> cpuBefore = cpuTimes(system);
        Wrk.Result orders = Wrk.run(gateway, "orders.lua", CUSTOMERS, measured, menu);
        Map<Service, Duration> cpuAfter = cpuTimes(system);

        String trivial = "/menu/" + menu.getFirst();
        System.out.printf("Ceiling: GET %s, %d connections, through the gateway and straight at order%n", trivial,
                CUSTOMERS);
        Wrk.run(gateway, "get.lua", CUSTOMERS, WARM_UP, List.of(trivial));
        Wrk.Result throughGateway = Wrk.run(gateway, "get.lua", CUSTOMERS, measured, List.of(trivial));
        Wrk.run(system.baseUrl(ORDER), "get.lua", CUSTOMERS, WARM_UP, List.of(trivial));
        Wrk.Result direct = Wrk.run(system.baseUrl(ORDER), "get.lua", CUSTOMERS, measured, List.of(trivial));

        System.out.printf("Propagation: %d product changes a second for %d s%n", CHANGES_PER_SECOND,
                PROPAGATION.toSeconds());
        List<Propagation> propagation = propagation(system, http, menu.getFirst());

        List<Process> processes = new ArrayList<>();
        for (Service service : cpuAfter.keySet()) {
            processes.add(new Process(service.id(),
                    cpuAfter.get(service).minus(cpuBefore.get(service)).toMillis() / 1e3, residentMegabytes(
                            system.process(service).orElseThrow())));
        }
        // last, so that the memory above is the system's after the load, without them
        System.out.printf("Subscribers: %,d idle SSE streams at notification%n", IDLE_STREAMS);
        Subscribers subscribers = idleSubscribers(system, http);
        return new Results(LocalDate.now().toString(), Runtime.getRuntime().availableProcessors(), startSeconds,
                CUSTOMERS, measured.toSeconds(), new Load("orders through the gateway", orders),
                new Load("GET " + trivial + " through the gateway", throughGateway),
                new Load("GET " + trivial + " straight at order", direct), propagation, processes, subscribers);
    }

    /**
     * Changes one product's price {@value #CHANGES_PER_SECOND} times a second. Order's menu and the report time each
     * change from its commit ({@code siren.events.lag}); an SSE subscriber through the gateway times it from the
     * moment its change was sent, which is before the commit: if anything, that overstates the delay.
     */
    private static List<Propagation> propagation(LocalSystem system, SystemHttp http, String productId)
            throws Exception {
        Map<Integer, Long> sentAt = new ConcurrentHashMap<>();
        Histogram toSubscriber = new ConcurrentHistogram(3);
        int firstPrice = 100_000;
        try (var subscriber = Executors.newVirtualThreadPerTaskExecutor()) {
            HttpRequest stream = HttpRequest.newBuilder(URI.create(system.baseUrl(GATEWAY) + "/notifications/stream"))
                    .build();
            HttpResponse<Stream<String>> events = http.client().send(stream, HttpResponse.BodyHandlers.ofLines());
            subscriber.submit(() -> events.body()
                    .filter(line -> line.startsWith("data:"))
                    .map(line -> JSON.readTree(line.substring("data:".length())))
                    .filter(event -> event.path("productId").asString().equals(productId))
                    .forEach(event -> {
                        Long sent = sentAt.get(event.get("price").asInt());
                        if (sent != null) {
                            toSubscriber.recordValue((System.nanoTime() - sent) / 1_000);
                        }
                    }));
            try (var product = new ProductClient(system.baseUrl(PRODUCT))) {
                SteadyLoad.run(CHANGES_PER_SECOND, PROPAGATION, sequence -> {
                    int price = firstPrice + sequence;
                    sentAt.put(price, System.nanoTime());
                    product.changePrice(Long.parseLong(productId), price);
                });
            }
            int changes = (int) (CHANGES_PER_SECOND * PROPAGATION.toSeconds());
            SystemHttp.awaitUntil(Duration.ofSeconds(10), "the subscriber to hear of every change",
                    () -> toSubscriber.getTotalCount() >= changes);
            subscriber.shutdownNow();
        }
        List<Propagation> propagation = new ArrayList<>();
        propagation.add(lag(http, system, ORDER, "order's menu"));
        propagation.add(lag(http, system, REPORT, "the report"));
        propagation.add(lag(http, system, NOTIFICATION, "notification (pushed to its streams)"));
        propagation.add(new Propagation("an SSE subscriber through the gateway (from the PATCH)",
                toSubscriber.getValueAtPercentile(50) / 1e3, toSubscriber.getValueAtPercentile(99) / 1e3));
        return propagation;
    }

    /**
     * Opens {@value #IDLE_STREAMS} streams straight at notification, each on a connection of its own as browsers'
     * would, waits until its gauge counts them all, and measures what they added to its resident memory and threads.
     */
    private static Subscribers idleSubscribers(LocalSystem system, SystemHttp http) throws Exception {
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

    /**
     * {@code siren.events.lag}'s percentiles over the propagation phase: the expiry as long as the phase, one buffer
     * a second, read right after it (see {@link OutboxLatencyBench}).
     */
    private static String[] lagPercentiles() {
        return new String[] {
                "--management.metrics.distribution.expiry[siren.events.lag]=" + PROPAGATION.toSeconds() + "s",
                "--management.metrics.distribution.buffer-length[siren.events.lag]=" + PROPAGATION.toSeconds()};
    }

    private static Propagation lag(SystemHttp http, LocalSystem system, Service service, String where) {
        String metric = system.baseUrl(service) + "/actuator/metrics/siren.events.lag.percentile?tag=topic:"
                + Topics.PRODUCT_EVENTS + "&tag=phi:";
        return new Propagation(where, seconds(http, metric + "0.5") * 1e3, seconds(http, metric + "0.99") * 1e3);
    }

    private static double seconds(SystemHttp http, String metricUrl) {
        return http.json(metricUrl).get("measurements").get(0).get("value").asDouble();
    }

    /** Every running process's CPU time so far: Kafka's and the services'. */
    private static Map<Service, Duration> cpuTimes(LocalSystem system) {
        Map<Service, Duration> cpu = new LinkedHashMap<>();
        for (Service service : system.services()) {
            system.process(service).ifPresent(process -> cpu.put(service,
                    process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException(
                            "no CPU time for " + service))));
        }
        return cpu;
    }

    private static long residentMegabytes(ProcessHandle process) throws IOException {
        return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
                .findFirst()
                .orElseThrow();
    }

    private static void write(Results results) throws IOException {
        Files.createDirectories(RESULTS);
        String report = markdown(results);
        Files.writeString(RESULTS.resolve("bench.md"), report);
        Files.writeString(RESULTS.resolve("bench.json"), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(results));
        chart(results, RESULTS.resolve("latency.png"));
        System.out.println();
        System.out.print(report);
        System.out.println();
        System.out.println("Written to " + RESULTS.resolve("bench.md") + ", bench.json and latency.png");
    }

    private static String markdown(Results results) {
        var text = new StringBuilder();
        text.append("""
                ## SirenOrder under load

                %s, %d cores, Java %d; wrk (2 threads, %d connections) on the same machine; %.0f s measured after \
                a %d s warm-up. `./siren up`'s system started (all healthy) in %.1f s.

                | load | requests/s | availability (not 5xx) | 201 / 409 / 503 | p50 | p90 | p99 | max |
                |---|--:|--:|--:|--:|--:|--:|--:|
                """.formatted(results.date(), results.cores(), Runtime.version().feature(), results.customers(),
                results.measuredSeconds(), WARM_UP.toSeconds(), results.startSeconds()));
        for (Load load : List.of(results.orders(), results.gatewayCeiling(), results.directCeiling())) {
            Wrk.Result r = load.result();
            text.append("| %s | %,.0f | %.2f %% | %d / %d / %d | %.1f ms | %.1f ms | %.1f ms | %.0f ms |%n".formatted(
                    load.name(), r.perSecond(), r.availabilityPercent(), r.answered(status -> status == 201),
                    r.answered(status -> status == 409), r.answered(status -> status == 503), r.p50Millis(),
                    r.p90Millis(), r.p99Millis(), r.maxMillis()));
        }
        double gatewayCeiling = results.gatewayCeiling().result().perSecond();
        text.append("""

                Orders per second as a share of the gateway's ceiling: **%.2f**; the gateway's ceiling as a share of \
                order's own: %.2f. Cost: **%.0f µs of CPU per order** across all processes (%d orders placed).

                | propagation, commit → | p50 | p99 |
                |---|--:|--:|
                """.formatted(results.orders().result().perSecond() / gatewayCeiling,
                gatewayCeiling / results.directCeiling().result().perSecond(), results.cpuMicrosPerOrder(),
                results.ordered()));
        results.propagation().forEach(p -> text.append("| %s | %.1f ms | %.1f ms |%n".formatted(p.where(), p.p50(),
                p.p99())));
        text.append("""

                | process | CPU s during the measured orders | resident memory at the end |
                |---|--:|--:|
                """);
        results.processes().forEach(p -> text.append("| %s | %.1f | %d MB |%n".formatted(p.name(), p.cpuSeconds(),
                p.residentMegabytes())));
        text.append("| all | %.1f | %d MB |%n".formatted(
                results.processes().stream().mapToDouble(Process::cpuSeconds).sum(), results.residentMegabytes()));
        Subscribers subscribers = results.subscribers();
        text.append("""

                %,d idle SSE streams at notification: resident memory %d → %d MB (%.0f KB each), threads %d → %d.
                """.formatted(subscribers.streams(), subscribers.residentBeforeMegabytes(),
                subscribers.residentAfterMegabytes(), subscribers.kilobytesEach(), subscribers.threadsBefore(),
                subscribers.threadsAfter()));
        return text.toString();
    }

    /** Latency by percentile of the three loads, on one chart. */
    private static void chart(Results results, Path file) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(500)
                .title("SirenOrder: latency by percentile, %d connections".formatted(results.customers()))
                .xAxisTitle("percentile").yAxisTitle("ms").build();
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Line);
        for (Load load : List.of(results.orders(), results.gatewayCeiling(), results.directCeiling())) {
            Map<Double, Double> percentiles = load.result().percentiles();
            chart.addSeries(load.name(), percentiles.keySet().stream().map(p -> p % 1 == 0
                            ? String.valueOf(p.intValue()) : String.valueOf(p)).toList(),
                    new ArrayList<>(percentiles.values()));
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
