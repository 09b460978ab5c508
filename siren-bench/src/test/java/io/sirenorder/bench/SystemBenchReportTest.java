package io.sirenorder.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.sirenorder.bench.SystemBench.Load;
import io.sirenorder.bench.SystemBench.Results;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's report, from figures made up for it: a run of minutes must not end in a broken report. */
class SystemBenchReportTest {

    private final Results results = results(false);
    private final Results traced = results(true);

    private static Results results(boolean tracing) {
        return new Results("2026-11-30", 2, 25, tracing, 12.5, 20,
                load("calibration", 100, 2_000_000, Map.of(200, 2_000_000L), 1.0, 3.0),
                load("cold", 100, 10_000, Map.of(201, 9_990L, 503, 10L), 150, 900),
                load("orders", 100, 40_000, Map.of(201, 40_000L), 45, 90),
                load("hogged", 100, 20_000, Map.of(201, 20_000L), 90, 180),
                List.of(load("1 customers", 1, 4_000, Map.of(201, 4_000L), 2, 4),
                        load("10 customers", 10, 20_000, Map.of(201, 20_000L), 8, 30),
                        load("25 customers", 25, 30_000, Map.of(201, 30_000L), 15, 60)),
                load("GET /menu/1 through the gateway", 100, 200_000, Map.of(200, 200_000L), 10, 20),
                load("GET /menu/1 straight at order", 100, 400_000, Map.of(200, 400_000L), 5, 10),
                List.of(new SystemBench.Propagation("order's menu", 4, 9)),
                List.of(new SystemBench.Process("order", 10, 300, 280, 250),
                        new SystemBench.Process("gateway", 6, 200, 180, 150)),
                new SystemBench.Subscribers(2_000, 170, 215, 29, 31), 20);
    }

    @Test
    void theHeadlineIsOrdersPlacedASecondAndTheirShareOfTheMachinesCeiling() {
        String report = SystemBenchReport.markdown(results);

        // 40,000 placed in 20 s against a ceiling of 100,000 requests a second
        assertThat(report).contains("**2,000 orders placed a second** through the gateway by 100 customers "
                + "(2.00 % of the machine's ceiling), p50 45.0 ms, p99 90.0 ms; 0 answers 5xx or none; 400 µs of CPU");
        assertThat(report).contains("| cold | 500 | 500 | 0.50 % | 9990 / 0 / 10 / 0 | 150.0 ms | 900.0 ms |");
        // 25 customers placed more, but with p99 over the goal
        assertThat(report).contains("at most **1,000 placed a second with p99 within 50 ms** (10 customers)");
        assertThat(report).contains("| all | 16.0 | 500 MB | 460 MB | 400 MB |");
        // 16 CPU seconds for 40,000 orders; three checks of 20 µs each
        assertThat(report).contains("one check takes 20 µs of CPU").contains("so 60 µs an order, 15.0 % of the CPU");
        assertThat(report).contains("`./siren up`'s system started").doesNotContain("Zipkin");
    }

    @Test
    void aTracedRunSaysSoAndCountsZipkinsCpuWithTheOthers() {
        assertThat(SystemBenchReport.markdown(traced)).contains("`./siren up --tracing`'s (Zipkin too",
                "400 µs of CPU per placed order across all processes, Zipkin's included;");
    }

    @Test
    void theChartsAreDrawn(@TempDir Path dir) throws Exception {
        SystemBenchReport.latencyChart(results, dir.resolve("latency.png"));
        SystemBenchReport.sweepChart(results, dir.resolve("sweep.png"));

        assertThat(Files.size(dir.resolve("latency.png"))).isPositive();
        assertThat(Files.size(dir.resolve("sweep.png"))).isPositive();
    }

    private static Load load(String name, int connections, long requests, Map<Integer, Long> statuses,
            double p50, double p99) {
        Map<Double, Double> percentiles = new TreeMap<>(Map.of(50.0, p50, 99.0, p99, 100.0, p99 * 2));
        return new Load(name, connections, new Wrk.Result(requests, 20, p50, p99 * 2, p50, p99, p99, 0, 0,
                new TreeMap<>(statuses), Map.of(), percentiles));
    }
}
