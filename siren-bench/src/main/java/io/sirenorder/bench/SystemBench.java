package io.sirenorder.bench;

import static io.sirenorder.local.Service.AUTH;
import static io.sirenorder.local.Service.GATEWAY;
import static io.sirenorder.local.Service.NOTIFICATION;
import static io.sirenorder.local.Service.ORDER;
import static io.sirenorder.local.Service.REPORT;

import io.sirenorder.local.LocalSystem;
import io.sirenorder.local.LocalSystemBuilder;
import io.sirenorder.local.Service;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
 * steady rate until order's menu, the report and an SSE subscriber have them, {@link ChangePropagation}), and cost
 * (CPU per placed order, resident memory, idle SSE streams, {@link ProcessCosts}).</li>
 * </ul>
 * {@link SystemBenchReport} writes the results. Run it from the repository: {@code ./siren bench [seconds]}; with
 * {@code --tracing}, the system is {@code ./siren up --tracing}'s: Zipkin runs too, every application sends it every
 * span, and Zipkin's CPU and memory count with the others'.
 */
public final class SystemBench {

    static final int CUSTOMERS = 100;
    static final int MENU_ITEMS = 20;
    private static final Duration DEFAULT_MEASURED = Duration.ofSeconds(20);
    /** The first seconds of rush hour after a start, reported as they are: the JIT is still compiling. */
    static final Duration COLD = Duration.ofSeconds(20);
    /**
     * Long enough for C2 to have compiled most of what rush hour runs: on two cores shared by six JVMs it keeps
     * compiling, ever less, for minutes (see {@code ./siren bench jit}).
     */
    static final Duration WARM_UP = Duration.ofSeconds(180);
    private static final Duration SHORT_WARM_UP = Duration.ofSeconds(5);
    static final List<Integer> SWEEP = List.of(1, 10, 25, 50, 100, 200);
    static final Duration SWEEP_MEASURED = Duration.ofSeconds(10);
    static final double P99_GOAL_MILLIS = 50;
    private static final Path HOME = Path.of("siren-bench", "target", "system-bench");
    /** The switch that runs the system traced, as {@code ./siren up --tracing} does. */
    static final String TRACING = "--tracing";

    /** One wrk run's figures under a name. */
    record Load(String name, int connections, Wrk.Result result) {

        double placedPerSecond() {
            return result.placedPerSecond();
        }
    }

    /** Commit → visible, in milliseconds. */
    record Propagation(String where, double p50, double p99) {
    }

    /**
     * What one process cost: CPU seconds during the measured orders, and at the end its resident memory, its share
     * of it when pages it shares with the other processes (the JVM's own code, the JDK's files) are split among them
     * (PSS: summed over the processes, each page counts once), and how much is its own (anonymous: heap, metaspace,
     * stacks, compiled code) rather than files it maps, of which the class cache is most.
     */
    record Process(String name, double cpuSeconds, long residentMegabytes, long proportionalMegabytes,
                   long anonymousMegabytes) {
    }

    /** Idle SSE streams held open at notification: what they cost it. */
    record Subscribers(int streams, long residentBeforeMegabytes, long residentAfterMegabytes, long threadsBefore,
                       long threadsAfter) {

        double kilobytesEach() {
            return (residentAfterMegabytes - residentBeforeMegabytes) * 1024.0 / streams;
        }
    }

    record Results(String date, int cores, int java, boolean tracing, double startSeconds, double measuredSeconds,
                   Load calibration,
                   Load cold, Load orders, Load hogged, List<Load> sweep, Load gatewayCeiling, Load directCeiling,
                   List<Propagation> propagation, List<Process> processes, Subscribers subscribers,
                   double tokenCheckMicros) {

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

        /** What checking an order's tokens costs: once at the gateway, at order, and at product. */
        double tokenChecksMicrosPerOrder() {
            return TokenChecks.PER_ORDER * tokenCheckMicros;
        }

        long residentMegabytes() {
            return processes.stream().mapToLong(Process::residentMegabytes).sum();
        }

        long proportionalMegabytes() {
            return processes.stream().mapToLong(Process::proportionalMegabytes).sum();
        }

        long anonymousMegabytes() {
            return processes.stream().mapToLong(Process::anonymousMegabytes).sum();
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
        boolean tracing = List.of(args).contains(TRACING);
        List<String> seconds = List.of(args).stream().filter(arg -> !arg.equals(TRACING)).toList();
        Duration measured = seconds.isEmpty() ? DEFAULT_MEASURED
                : Duration.ofSeconds(Long.parseLong(seconds.getFirst()));
        System.out.printf("Calibration: a minimal Netty server, %d connections, %d s warm-up, %d s measured%n",
                CUSTOMERS, SHORT_WARM_UP.multipliedBy(2).toSeconds(), measured.toSeconds());
        Load calibration = new Load("the machine's ceiling: a minimal Netty server, GET /", CUSTOMERS,
                CalibrationServer.ceiling(CUSTOMERS, SHORT_WARM_UP.multipliedBy(2), measured));
        OutboxLatencyBench.deleteRecursively(HOME);
        LocalSystemBuilder builder = LocalSystem.builder()
                .homeDir(HOME)
                .freePorts()
                .args(ORDER, ChangePropagation.lagPercentiles())
                .args(REPORT, ChangePropagation.lagPercentiles())
                .args(NOTIFICATION, ChangePropagation.lagPercentiles());
        try (LocalSystem system = tracing ? builder.tracing().build() : builder.build();
             SystemHttp http = new SystemHttp()) {
            system.prepare(system.services());
            System.out.printf("Starting the system%s (logs in %s)%n", tracing ? ", traced: every span sent to Zipkin"
                    : "", system.logDir());
            long starting = System.nanoTime();
            system.startAll();
            double startSeconds = (System.nanoTime() - starting) / 1e9;
            Results results = measure(system, http, measured, startSeconds, calibration);
            SystemBenchReport.write(results);
        }
    }

    private static Results measure(LocalSystem system, SystemHttp http, Duration measured, double startSeconds,
            Load calibration) throws Exception {
        String gateway = system.baseUrl(GATEWAY);
        List<String> products = http.registerMenu(system, MENU_ITEMS, 0);
        System.out.printf("Signing in %d customers%n", CUSTOMERS);
        Customers signedIn = Customers.signIn(system.baseUrl(AUTH), CUSTOMERS);
        // orders.lua's arguments: who orders, and what
        List<String> menu = signedIn.ordering(products);

        System.out.printf("Orders: %d customers through the gateway: %d s cold, %d s warm-up, %d s measured%n",
                CUSTOMERS, COLD.toSeconds(), WARM_UP.toSeconds(), measured.toSeconds());
        Load cold = orders("the first %d s after the start".formatted(COLD.toSeconds()), gateway, CUSTOMERS, COLD,
                menu);
        Wrk.run(gateway, "orders.lua", CUSTOMERS, WARM_UP, menu);
        Map<Service, Duration> cpuBefore = ProcessCosts.cpuTimes(system);
        Load orders = orders("orders through the gateway", gateway, CUSTOMERS, measured, menu);
        Map<Service, Duration> cpuAfter = ProcessCosts.cpuTimes(system);
        // at once, not only in the report at the end: a later phase that fails must not take this figure with it
        System.out.printf(Locale.ROOT, "  %,.0f placed a second, %.0f µs of CPU per placed order across all "
                + "processes%s%n", orders.placedPerSecond(), ProcessCosts.cpuMicrosPerOrder(cpuBefore, cpuAfter,
                orders.result().answered(status -> status == 201)), system.tracing() ? ", Zipkin's included" : "");

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

        String trivial = "/menu/" + products.getFirst();
        System.out.printf("Ceiling: GET %s, %d connections, through the gateway and straight at order%n", trivial,
                CUSTOMERS);
        Wrk.run(gateway, "get.lua", CUSTOMERS, SHORT_WARM_UP, List.of(trivial));
        Load throughGateway = new Load("GET " + trivial + " through the gateway", CUSTOMERS,
                Wrk.run(gateway, "get.lua", CUSTOMERS, measured, List.of(trivial)));
        Wrk.run(system.baseUrl(ORDER), "get.lua", CUSTOMERS, SHORT_WARM_UP, List.of(trivial));
        Load direct = new Load("GET " + trivial + " straight at order", CUSTOMERS,
                Wrk.run(system.baseUrl(ORDER), "get.lua", CUSTOMERS, measured, List.of(trivial)));

        signedIn.close();
        System.out.println("Token checks: one customer's token, checked as the services check it, for 8 s");
        double tokenCheckMicros = TokenChecks.microsPerCheck(system.baseUrl(AUTH) + "/oauth2/jwks", system.issuer(),
                SystemHttp.accessToken(system, "load-1"));
        List<Propagation> propagation = ChangePropagation.measure(system, http, products.getFirst());
        List<Process> processes = ProcessCosts.processes(system, cpuBefore, cpuAfter);
        // last, so that the memory above is the system's after the load, without them
        Subscribers subscribers = ProcessCosts.idleSubscribers(system, http);
        return new Results(LocalDate.now().toString(), Runtime.getRuntime().availableProcessors(),
                Runtime.version().feature(), system.tracing(), startSeconds, measured.toSeconds(), calibration, cold, orders, hogged,
                sweep, throughGateway, direct, propagation, processes, subscribers, tokenCheckMicros);
    }

    private static Load orders(String name, String gateway, int customers, Duration duration, List<String> menu)
            throws Exception {
        return new Load(name, customers, Wrk.run(gateway, "orders.lua", customers, duration, menu));
    }
}
