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
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole system under load, as {@code ./siren up} runs it (every service, on free ports, its files under
 * {@code siren-bench/target/system-bench/}), in one run, with wrk as the load tool:
 * <ul>
 * <li>the machine's ceiling first: a minimal Netty server answering {@code 200 ok} ({@link CalibrationServer}),
 * so that every figure can also be read as a share of what this machine can do at all;</li>
 * <li>rush hour: 100 customers ordering through the gateway as fast as they are answered, over a menu of available
 * items, the first seconds after the start (cold) and then warm, and again with another program busy on one core
 * ({@link CoreHog}); the headline is orders placed ({@code 201}) a second;</li>
 * <li>a sweep of 1 to 200 customers: placed orders a second against p50 and p99, and the highest rate at which p99
 * stays within 50 ms;</li>
 * <li>the gateway's ceiling (a trivial read through it and straight at order), propagation (product changes at a
 * steady rate until order's menu, the report and an SSE subscriber have them), and cost (CPU per placed order,
 * resident memory, idle SSE streams).</li>
 * </ul>
 * Writes {@code bench.md}, {@code bench.json}, {@code latency.png} and {@code sweep.png} under
 * {@code siren-bench/target/bench/}. Run it from the repository: {@code ./siren bench [seconds]}.
 */
public final class SystemBench {

    private static final int CUSTOMERS = 100;
    private static final int MENU_ITEMS = 20;
    private static final Duration DEFAULT_MEASURED = Duration.ofSeconds(20);
    /** The first seconds of rush hour after a start, reported as they are: the JIT is still compiling. */
    private static final Duration COLD = Duration.ofSeconds(20);
    /**
     * Long enough for C2 to have compiled most of what rush hour runs: on two cores shared by six JVMs it keeps
     * compiling, ever less, for about four minutes (see {@code ./siren bench jit}).
     */
    private static final Duration WARM_UP = Duration.ofSeconds(180);
    private static final Duration SHORT_WARM_UP = Duration.ofSeconds(5);
    private static final List<Integer> SWEEP = List.of(1, 10, 25, 50, 100, 200);
    private static final Duration SWEEP_MEASURED = Duration.ofSeconds(10);
    private static final double P99_GOAL_MILLIS = 50;
    private static final int CHANGES_PER_SECOND = 50;
    private static final int IDLE_STREAMS = 2_000;
    private static final Duration PROPAGATION = Duration.ofSeconds(20);
    private static final Path HOME = Path.of("siren-bench", "target", "system-bench");
    private static final Path RESULTS = Path.of("siren-bench", "target", "bench");
    private static final JsonMapper JSON = JsonMapper.shared();

    /** One wrk run's figures under a name. */
    record Load(String name, int connections, Wrk.Result result) {

        double placedPerSecond() {
            return result.placedPerSecond();
        }
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

    record Results(String date, int cores, int java, double startSeconds, double measuredSeconds, Load calibration,
                   Load cold, Load orders, Load hogged, List<Load> sweep, Load gatewayCeiling, Load directCeiling,
                   List<Propagation> propagation, List<Process> processes, Subscribers subscribers) {

        /** A rate as a share of the machine's ceiling for HTTP. */
        double ofCeiling(double perSecond) {
            return perSecond / calibration.result().perSecond();
        }

        long placed() {
            return orders.result().answered(status -> status == 201);
        }

        double cpuMicrosPerPlacedOrder() {
            return processes.stream().mapToDouble(Process::cpuSeconds).sum() * 1e6 / placed();
        }

        long residentMegabytes() {
            return processes.stream().mapToLong(Process::residentMegabytes).sum();
        }

        /** The most orders placed a second, in the sweep, with p99 within the goal; none when no load met it. */
        Optional<Load> bestWithinP99Goal() {
            return sweep.stream().filter(load -> load.result().p99Millis() <= P99_GOAL_MILLIS)
                    .max(Comparator.comparingDouble(Load::placedPerSecond));
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
        System.out.printf("Calibration: a minimal Netty server, %d connections, %d s warm-up, %d s measured%n",
                CUSTOMERS, SHORT_WARM_UP.multipliedBy(2).toSeconds(), measured.toSeconds());
        Load calibration = new Load("the machine's ceiling: a minimal Netty server, GET /", CUSTOMERS,
                CalibrationServer.ceiling(CUSTOMERS, SHORT_WARM_UP.multipliedBy(2), measured));
        OutboxLatencyBench.deleteRecursively(HOME);
        try (LocalSystem system = LocalSystem.builder()
                .homeDir(HOME)
                .freePorts()
                .args(ORDER, lagPercentiles())
                .args(REPORT, lagPercentiles())
                .args(NOTIFICATION, lagPercentiles())
                .build();
             SystemHttp http = new SystemHttp()) {
            system.prepare(system.services());
            System.out.printf("Starting the system (logs in %s)%n", system.logDir());
            long starting = System.nanoTime();
            system.startAll();
            double startSeconds = (System.nanoTime() - starting) / 1e9;
            Results results = measure(system, http, measured, startSeconds, calibration);
            write(results);
        }
    }

    private static Results measure(LocalSystem system, SystemHttp http, Duration measured, double startSeconds,
            Load calibration) throws Exception {
        String gateway = system.baseUrl(GATEWAY);
        List<String> menu = http.registerMenu(system, MENU_ITEMS, 0);

        System.out.printf("Orders: %d customers through the gateway: %d s cold, %d s warm-up, %d s measured%n",
                CUSTOMERS, COLD.toSeconds(), WARM_UP.toSeconds(), measured.toSeconds());
        Load cold = orders("the first %d s after the start".formatted(COLD.toSeconds()), gateway, CUSTOMERS, COLD,
                menu);
        Wrk.run(gateway, "orders.lua", CUSTOMERS, WARM_UP, menu);
        Map<Service, Duration> cpuBefore = cpuTimes(system);
        Load orders = orders("orders through the gateway", gateway, CUSTOMERS, measured, menu);
        Map<Service, Duration> cpuAfter = cpuTimes(system);

        System.out.printf("Sweep: %s customers, %d s each%n", SWEEP, SWEEP_MEASURED.toSeconds());
        List<Load> sweep = new ArrayList<>();
        for (int customers : SWEEP) {
            Wrk.run(gateway, "orders.lua", customers, SHORT_WARM_UP, menu);
            sweep.add(orders("%d customers".formatted(customers), gateway, customers, SWEEP_MEASURED, menu));
        }

        System.out.printf("Orders with another program busy on one core: %d customers, %d s%n", CUSTOMERS,
                measured.toSeconds());
        Load hogged;
        try (CoreHog hog = CoreHog.start()) {
            Wrk.run(gateway, "orders.lua", CUSTOMERS, SHORT_WARM_UP, menu);
            hogged = orders("orders through the gateway, one core taken by another program", gateway, CUSTOMERS,
                    measured, menu);
        }

        String trivial = "/menu/" + menu.getFirst();
        System.out.printf("Ceiling: GET %s, %d connections, through the gateway and straight at order%n", trivial,
                CUSTOMERS);
        Wrk.run(gateway, "get.lua", CUSTOMERS, SHORT_WARM_UP, List.of(trivial));
        Load throughGateway = new Load("GET " + trivial + " through the gateway", CUSTOMERS,
                Wrk.run(gateway, "get.lua", CUSTOMERS, measured, List.of(trivial)));
        Wrk.run(system.baseUrl(ORDER), "get.lua", CUSTOMERS, SHORT_WARM_UP, List.of(trivial));
        Load direct = new Load("GET " + trivial + " straight at order", CUSTOMERS,
                Wrk.run(system.baseUrl(ORDER), "get.lua", CUSTOMERS, measured, List.of(trivial)));

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
        return new Results(LocalDate.now().toString(), Runtime.getRuntime().availableProcessors(),
                Runtime.version().feature(), startSeconds, measured.toSeconds(), calibration, cold, orders, hogged,
                sweep, throughGateway, direct, propagation, processes, subscribers);
    }

    private static Load orders(String name, String gateway, int customers, Duration duration, List<String> menu)
            throws Exception {
        return new Load(name, customers, Wrk.run(gateway, "orders.lua", customers, duration, menu));
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

    static void write(Results results) throws IOException {
        Files.createDirectories(RESULTS);
        // the figures first: whatever happens to the report, a run's minutes are never lost
        Files.writeString(RESULTS.resolve("bench.json"), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(results));
        String report = markdown(results);
        Files.writeString(RESULTS.resolve("bench.md"), report);
        latencyChart(results, RESULTS.resolve("latency.png"));
        sweepChart(results, RESULTS.resolve("sweep.png"));
        System.out.println();
        System.out.print(report);
        System.out.println();
        System.out.println("Written to " + RESULTS.resolve("bench.md") + ", bench.json, latency.png and sweep.png");
    }

    static String markdown(Results results) {
        var text = new StringBuilder();
        Load orders = results.orders();
        text.append("""
                ## SirenOrder under load

                %s, %d cores, Java %d; wrk (2 threads) on the same machine; a menu of %d available items. \
                `./siren up`'s system started (all healthy) in %.1f s.

                **%,.0f orders placed a second** through the gateway by %d customers (%.2f %% of the machine's \
                ceiling), p50 %.1f ms, p99 %.1f ms; %d answers 5xx or none; %.0f µs of CPU per placed order across \
                all processes; %,d MB resident after the load.

                | load | placed/s | requests/s | share of the ceiling | 201 / 409 / 503 / other 5xx | p50 | p99 | max |
                |---|--:|--:|--:|--:|--:|--:|--:|
                """.formatted(results.date(), results.cores(), results.java(), MENU_ITEMS, results.startSeconds(),
                orders.placedPerSecond(), orders.connections(), 100 * results.ofCeiling(orders.placedPerSecond()),
                orders.result().p50Millis(), orders.result().p99Millis(), orders.result().failures(),
                results.cpuMicrosPerPlacedOrder(), results.residentMegabytes()));
        for (Load load : List.of(results.calibration(), results.cold(), orders, results.hogged(),
                results.gatewayCeiling(), results.directCeiling())) {
            Wrk.Result r = load.result();
            boolean ordering = load != results.calibration() && !load.name().startsWith("GET");
            text.append("| %s | %s | %,.0f | %.2f %% | %s | %.1f ms | %.1f ms | %.0f ms |%n".formatted(load.name(),
                    ordering ? "%,.0f".formatted(load.placedPerSecond()) : "", r.perSecond(),
                    100 * results.ofCeiling(ordering ? load.placedPerSecond() : r.perSecond()),
                    "%d / %d / %d / %d".formatted(r.answered(status -> status == 201),
                            r.answered(status -> status == 409), r.answered(status -> status == 503),
                            r.answered(status -> status >= 500 && status != 503) + r.socketErrors()),
                    r.p50Millis(), r.p99Millis(), r.maxMillis()));
        }
        text.append("""

                The share of the ceiling is placed orders a second (requests for the calibration and the reads) \
                against the calibration's requests a second, measured in the same run with the same wrk settings: \
                it compares runs on machines of different speed. The cold row is the first %d s of orders after the \
                start, while the JIT compiles; the measured rows follow a %d s warm-up.

                Sweep, %d s each (`sweep.png`): %s.

                | customers | placed/s | share of the ceiling | p50 | p99 | 5xx or none |
                |--:|--:|--:|--:|--:|--:|
                """.formatted(COLD.toSeconds(), WARM_UP.toSeconds(), SWEEP_MEASURED.toSeconds(),
                results.bestWithinP99Goal()
                        .map(best -> "at most **%,.0f placed a second with p99 within %.0f ms** (%d customers)"
                                .formatted(best.placedPerSecond(), P99_GOAL_MILLIS, best.connections()))
                        .orElse("p99 was over %.0f ms at every load".formatted(P99_GOAL_MILLIS))));
        results.sweep().forEach(load -> text.append("| %d | %,.0f | %.2f %% | %.1f ms | %.1f ms | %d |%n".formatted(
                load.connections(), load.placedPerSecond(), 100 * results.ofCeiling(load.placedPerSecond()),
                load.result().p50Millis(), load.result().p99Millis(), load.result().failures())));
        text.append("""

                | propagation, commit → | p50 | p99 |
                |---|--:|--:|
                """);
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

    /** Latency by percentile of the orders, warm and with a core taken, and of the reads, on one chart. */
    static void latencyChart(Results results, Path file) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(500)
                .title("SirenOrder: latency by percentile, %d customers".formatted(CUSTOMERS))
                .xAxisTitle("percentile").yAxisTitle("ms").build();
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Line);
        for (Load load : List.of(results.orders(), results.hogged(), results.gatewayCeiling(),
                results.directCeiling())) {
            Map<Double, Double> percentiles = load.result().percentiles();
            chart.addSeries(load.name(), percentiles.keySet().stream().map(p -> p % 1 == 0
                            ? String.valueOf(p.intValue()) : String.valueOf(p)).toList(),
                    new ArrayList<>(percentiles.values()));
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** The sweep: p50 and p99 against placed orders a second, one point for each number of customers. */
    static void sweepChart(Results results, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(500)
                .title("SirenOrder: latency against throughput, %s customers".formatted(SWEEP))
                .xAxisTitle("orders placed a second").yAxisTitle("ms").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
        List<Double> placed = results.sweep().stream().map(Load::placedPerSecond).toList();
        chart.addSeries("p50", placed, results.sweep().stream().map(load -> load.result().p50Millis()).toList());
        chart.addSeries("p99", placed, results.sweep().stream().map(load -> load.result().p99Millis()).toList());
        chart.addSeries("p99 goal, %.0f ms".formatted(P99_GOAL_MILLIS), List.of(0.0, Collections.max(placed)),
                List.of(P99_GOAL_MILLIS, P99_GOAL_MILLIS)).setMarker(SeriesMarkers.NONE);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
