package io.sirenorder.bench;

import static io.sirenorder.bench.SystemBench.COLD;
import static io.sirenorder.bench.SystemBench.CUSTOMERS;
import static io.sirenorder.bench.SystemBench.MENU_ITEMS;
import static io.sirenorder.bench.SystemBench.P99_GOAL_MILLIS;
import static io.sirenorder.bench.SystemBench.SWEEP;
import static io.sirenorder.bench.SystemBench.SWEEP_MEASURED;
import static io.sirenorder.bench.SystemBench.WARM_UP;

import io.sirenorder.bench.SystemBench.Load;
import io.sirenorder.bench.SystemBench.Process;
import io.sirenorder.bench.SystemBench.Results;
import io.sirenorder.bench.SystemBench.Subscribers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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
 * The system benchmark's report, under {@code siren-bench/target/bench/}: the figures in {@code bench.json}, the
 * tables in {@code bench.md} (also printed), and the charts {@code latency.png} and {@code sweep.png}; a traced run's
 * are {@code bench-tracing.json} and so on, so that it does not overwrite the untraced run it is compared with.
 */
final class SystemBenchReport {

    private static final Path RESULTS = Path.of("siren-bench", "target", "bench");
    private static final JsonMapper JSON = JsonMapper.shared();

    private SystemBenchReport() {
    }

    static void write(Results results) throws IOException {
        Files.createDirectories(RESULTS);
        String suffix = results.tracing() ? "-tracing" : "";
        // the figures first: whatever happens to the report, a run's minutes are never lost
        Files.writeString(RESULTS.resolve("bench" + suffix + ".json"), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(results));
        String report = markdown(results);
        Files.writeString(RESULTS.resolve("bench" + suffix + ".md"), report);
        latencyChart(results, RESULTS.resolve("latency" + suffix + ".png"));
        sweepChart(results, RESULTS.resolve("sweep" + suffix + ".png"));
        System.out.println();
        System.out.print(report);
        System.out.println();
        System.out.println("Written to %s, bench%2$s.json, latency%2$s.png and sweep%2$s.png"
                .formatted(RESULTS.resolve("bench" + suffix + ".md"), suffix));
    }

    static String markdown(Results results) {
        var text = new StringBuilder();
        Load orders = results.orders();
        text.append("""
                ## SirenOrder under load

                %s, %d cores, Java %d; wrk (2 threads) on the same machine; a menu of %d available items. \
                %s system started (all healthy) in %.1f s.

                **%,.0f orders placed a second** through the gateway by %d customers (%.2f %% of the machine's \
                ceiling), p50 %.1f ms, p99 %.1f ms; %d answers 5xx or none; %.0f µs of CPU per placed order across \
                all processes%s; %,d MB resident after the load counting pages shared between processes once \
                (%,d MB summing each process's resident memory), %,d MB of it the processes' own (the rest mapped \
                files, the class caches most).

                Every order carries a customer's access token, checked %d times (at the gateway, at order, and at \
                product for the availability check): one check takes %.0f µs of CPU (signature, issuer and expiry, \
                as the services check it, on one thread of the benchmark's own JVM), so %.0f µs an order, %.1f %% \
                of the CPU per placed order.

                | load | placed/s | requests/s | share of the ceiling | 201 / 409 / 503 / other 5xx | p50 | p99 | max |
                |---|--:|--:|--:|--:|--:|--:|--:|
                """.formatted(results.date(), results.cores(), results.java(), MENU_ITEMS,
                results.tracing() ? "`./siren up --tracing`'s (Zipkin too, every span of every order sent to it)"
                        : "`./siren up`'s", results.startSeconds(),
                orders.placedPerSecond(), orders.connections(), 100 * results.ofCeiling(orders.placedPerSecond()),
                orders.result().p50Millis(), orders.result().p99Millis(), orders.result().failures(),
                results.cpuMicrosPerPlacedOrder(), results.tracing() ? ", Zipkin's included" : "",
                results.proportionalMegabytes(), results.residentMegabytes(),
                results.anonymousMegabytes(), TokenChecks.PER_ORDER, results.tokenCheckMicros(),
                results.tokenChecksMicrosPerOrder(),
                100 * results.tokenChecksMicrosPerOrder() / results.cpuMicrosPerPlacedOrder()));
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

                | process | CPU s during the measured orders | resident at the end | shared pages split (PSS) \
                | of it its own |
                |---|--:|--:|--:|--:|
                """);
        results.processes().forEach(p -> text.append("| %s | %.1f | %d MB | %d MB | %d MB |%n".formatted(p.name(),
                p.cpuSeconds(), p.residentMegabytes(), p.proportionalMegabytes(), p.anonymousMegabytes())));
        text.append("| all | %.1f | %d MB | %d MB | %d MB |%n".formatted(
                results.processes().stream().mapToDouble(Process::cpuSeconds).sum(), results.residentMegabytes(),
                results.proportionalMegabytes(), results.anonymousMegabytes()));
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
