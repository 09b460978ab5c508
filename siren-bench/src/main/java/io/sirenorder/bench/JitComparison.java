package io.sirenorder.bench;

import static io.sirenorder.local.Service.AUTH;
import static io.sirenorder.local.Service.GATEWAY;

import io.sirenorder.local.LocalSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;

/**
 * The JIT decision, measured ({@code ./siren bench jit [minutes]}): the system as {@code ./siren up} runs it, rush
 * hour from its start (100 customers ordering through the gateway) for a few minutes, once with C1 alone
 * ({@code -XX:TieredStopAtLevel=1}) and once with the JVM's own tiered JIT up to C2, each with its class cache.
 * Placed orders a second every 5 s; the short run is seconds 15 to 35 (what a short benchmark sees: a 15 s warm-up,
 * 20 s measured), the long run all of it, and the last minute is where each settles. Writes {@code jit.md} and
 * {@code jit.png} under {@code siren-bench/target/bench/}.
 */
final class JitComparison {

    private static final int CUSTOMERS = 100;
    private static final int MENU_ITEMS = 20;
    private static final Duration WINDOW = Duration.ofSeconds(5);
    private static final int DEFAULT_MINUTES = 4;
    private static final Path HOME = Path.of("siren-bench", "target", "jit-bench");
    private static final Path RESULTS = Path.of("siren-bench", "target", "bench");

    private record Setting(String name, String... jvmOptions) {
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("C1 only", "-XX:TieredStopAtLevel=1"),
            new Setting("tiered, up to C2"));

    /** Placed orders a second in each window, from the start of rush hour. */
    private record Run(Setting setting, double startSeconds, List<Double> placed) {

        double average(int fromSecond, int toSecond) {
            int windowSeconds = (int) WINDOW.toSeconds();
            return placed.subList(fromSecond / windowSeconds, toSecond / windowSeconds).stream()
                    .mapToDouble(Double::doubleValue).average().orElse(0);
        }

        int seconds() {
            return placed.size() * (int) WINDOW.toSeconds();
        }
    }

    private JitComparison() {
    }

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_MINUTES;
        List<Run> runs = new ArrayList<>();
        for (Setting setting : SETTINGS) {
            runs.add(run(setting, Duration.ofMinutes(minutes)));
        }
        Files.createDirectories(RESULTS);
        String report = markdown(runs);
        Files.writeString(RESULTS.resolve("jit.md"), report);
        chart(runs, RESULTS.resolve("jit.png"));
        System.out.println();
        System.out.print(report);
        System.out.println("Written to " + RESULTS.resolve("jit.md") + " and jit.png");
    }

    private static Run run(Setting setting, Duration rushHour) throws Exception {
        OutboxLatencyBench.deleteRecursively(HOME);
        try (LocalSystem system = LocalSystem.builder().homeDir(HOME).freePorts()
                .jvmOptions(setting.jvmOptions()).build();
             SystemHttp http = new SystemHttp()) {
            System.out.printf("%s: preparing and starting the system%n", setting.name());
            system.prepare(system.services());
            long starting = System.nanoTime();
            system.startAll();
            double startSeconds = (System.nanoTime() - starting) / 1e9;
            List<String> menu = http.registerMenu(system, MENU_ITEMS, 0);
            Customers customers = Customers.signIn(system.baseUrl(AUTH), CUSTOMERS);
            System.out.printf("%s: started in %.1f s; %d customers for %d s%n", setting.name(), startSeconds,
                    CUSTOMERS, rushHour.toSeconds());
            List<Double> placed = new ArrayList<>();
            for (long elapsed = 0; elapsed < rushHour.toSeconds(); elapsed += WINDOW.toSeconds()) {
                placed.add(Wrk.run(system.baseUrl(GATEWAY), "orders.lua", CUSTOMERS, WINDOW,
                        customers.ordering(menu)).placedPerSecond());
            }
            customers.close();
            return new Run(setting, startSeconds, placed);
        }
    }

    private static String markdown(List<Run> runs) {
        var text = new StringBuilder("""
                ## The JIT, measured

                %s, %d cores, Java %d; %d customers ordering through the gateway from the start, placed orders a \
                second.

                | JIT | started in | short run (s 15 to 35) | long run (all %d s) | the last minute |
                |---|--:|--:|--:|--:|
                """.formatted(LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                Runtime.version().feature(), CUSTOMERS, runs.getFirst().seconds()));
        for (Run run : runs) {
            text.append("| %s | %.1f s | %,.0f | %,.0f | %,.0f |%n".formatted(run.setting().name(),
                    run.startSeconds(), run.average(15, 35), run.average(0, run.seconds()),
                    run.average(run.seconds() - 60, run.seconds())));
        }
        return text.toString();
    }

    private static void chart(List<Run> runs, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(500)
                .title("SirenOrder: orders placed a second from the start, %d customers".formatted(CUSTOMERS))
                .xAxisTitle("seconds of rush hour").yAxisTitle("orders placed a second").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
        for (Run run : runs) {
            List<Integer> seconds = IntStream.range(0, run.placed().size())
                    .mapToObj(window -> (window + 1) * (int) WINDOW.toSeconds()).toList();
            chart.addSeries(run.setting().name(), seconds, run.placed());
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
