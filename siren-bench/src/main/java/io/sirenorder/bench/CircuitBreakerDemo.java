package io.sirenorder.bench;

import static io.sirenorder.local.Service.AUTH;
import static io.sirenorder.local.Service.GATEWAY;
import static io.sirenorder.local.Service.KAFKA;
import static io.sirenorder.local.Service.ORDER;
import static io.sirenorder.local.Service.PRODUCT;

import io.sirenorder.local.LocalSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The seed's experiment: 100 customers ordering through the gateway while the product service answers in 400–620
 * ms, once as the seed's code ran locally (no time limit, no breaker, no bulkhead) and once as SirenOrder runs by
 * default (610 ms budget, breaker, bulkhead), with the same load. Prints a siege-like summary of each and the
 * breaker's transitions. Each run gets a fresh system (Kafka, product, order, gateway) on free ports, its files
 * under {@code siren-bench/target/circuit-breaker-demo/}. Run it from the repository:
 * {@code ./siren demo circuit-breaker [seconds]}.
 */
public final class CircuitBreakerDemo {

    private static final int CUSTOMERS = 100;
    private static final Duration DEFAULT_DURATION = Duration.ofSeconds(20);
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final String SLOW_PRODUCT = "{\"minLatency\":400,\"maxLatency\":620,\"failureRate\":0}";
    private static final Path HOME = Path.of("siren-bench", "target", "circuit-breaker-demo");

    /** How order and the gateway are configured for one run. */
    private record Setup(String name, String description, List<String> orderArgs, List<String> gatewayArgs) {
    }

    private static final List<Setup> SETUPS = List.of(
            new Setup("without", "no time limit, no breaker, no bulkhead, no admission control at the gateway: the "
                    + "seed's code as it ran locally",
                    List.of("--siren.catalogue.timeout=30s",
                            "--siren.catalogue.circuit-breaker.slow-call-duration-threshold=30s",
                            "--siren.catalogue.circuit-breaker.failure-rate-threshold=100",
                            "--siren.catalogue.bulkhead.max-concurrent-calls=1000"),
                    List.of("--siren.admission.initial-limit=1000", "--siren.admission.min-limit=1000",
                            "--siren.admission.max-limit=1000")),
            new Setup("with", "610 ms budget, circuit breaker and bulkhead, admission control: SirenOrder's defaults",
                    List.of(), List.of()));

    /** A change of the breaker's state, seen so many seconds into the run. */
    private record Transition(double atSeconds, String to) {
    }

    private record Run(Setup setup, Wrk.Result result, List<Transition> transitions) {
    }

    private CircuitBreakerDemo() {
    }

    public static void main(String[] args) throws Exception {
        Duration duration = args.length > 0 ? Duration.ofSeconds(Long.parseLong(args[0])) : DEFAULT_DURATION;
        List<Run> runs = new ArrayList<>();
        for (Setup setup : SETUPS) {
            runs.add(run(setup, duration));
        }
        System.out.println();
        System.out.printf("%d customers ordering for %d s through the gateway, product answering in 400-620 ms%n%n",
                CUSTOMERS, duration.toSeconds());
        runs.forEach(CircuitBreakerDemo::print);
        System.out.println("The seed (Kubernetes, 60 s, Hystrix): 82.64 % availability, 5.11 s mean response, "
                + "15.26 s longest transaction, 16.62 transactions/s.");
    }

    private static Run run(Setup setup, Duration duration) throws Exception {
        Path home = HOME.resolve(setup.name());
        OutboxLatencyBench.deleteRecursively(home);
        try (LocalSystem system = LocalSystem.builder()
                .homeDir(home)
                .services(KAFKA, AUTH, PRODUCT, ORDER, GATEWAY)
                .freePorts()
                .args(ORDER, setup.orderArgs().toArray(String[]::new))
                .args(GATEWAY, setup.gatewayArgs().toArray(String[]::new))
                .build();
             SystemHttp http = new SystemHttp()) {
            System.out.printf("With %s: starting Kafka, auth, product, order and the gateway (logs in %s)%n",
                    setup.description(), system.logDir());
            system.startAll();
            String gateway = system.baseUrl(GATEWAY);
            List<String> menu = http.registerMenu(system, 6, 1);
            try (Customers customers = Customers.signIn(system.baseUrl(AUTH), CUSTOMERS)) {
                List<String> ordering = customers.ordering(menu);

                System.out.printf("  the shop opens: %d customers order for %d s with product answering at once%n",
                        CUSTOMERS, WARM_UP.toSeconds());
                Wrk.run(gateway, "orders.lua", CUSTOMERS, WARM_UP, ordering);
                String health = system.baseUrl(ORDER) + "/actuator/health/catalogue";
                awaitBreakerClosed(http, gateway, health, menu.getFirst(), SystemHttp.accessToken(system, "demo"));
                http.send("POST", system.baseUrl(PRODUCT) + "/actuator/faults", SLOW_PRODUCT);
                System.out.printf("  product slowed to 400-620 ms; %d customers order for %d s%n", CUSTOMERS,
                        duration.toSeconds());
                try (var watcher = Executors.newVirtualThreadPerTaskExecutor()) {
                    long started = System.nanoTime();
                    Future<List<Transition>> transitions = watcher.submit(() -> watchBreaker(http, health, started,
                            duration));
                    Wrk.Result result = Wrk.run(gateway, "orders.lua", CUSTOMERS, duration, ordering);
                    return new Run(setup, result, transitions.get(10, TimeUnit.SECONDS));
                }
            }
        }
    }

    /**
     * A cold start may have opened the breaker: orders go on, one at a time, until it has half-opened, let its
     * trial orders through and closed, so that every run starts from a closed breaker.
     */
    private static void awaitBreakerClosed(SystemHttp http, String gateway, String health, String productId,
            String customer) {
        SystemHttp.awaitUntil(Duration.ofSeconds(30), "order's breaker to close", () -> {
            http.exchange("POST", gateway + "/orders", "{\"productId\":" + productId + "}", customer);
            return breakerState(http, health).equals("CLOSED");
        });
    }

    private static String breakerState(SystemHttp http, String health) {
        return http.json(health).get("details").get("state").asString();
    }

    /** Polls order's catalogue health every 50 ms and keeps each change of the breaker's state. */
    private static List<Transition> watchBreaker(SystemHttp http, String health, long started, Duration duration) {
        List<Transition> transitions = new ArrayList<>();
        String last = "CLOSED";
        while (System.nanoTime() - started < duration.toNanos()) {
            String state = breakerState(http, health);
            if (!state.equals(last)) {
                transitions.add(new Transition((System.nanoTime() - started) / 1e9, state));
                last = state;
            }
            SystemHttp.pause(Duration.ofMillis(50));
        }
        return Collections.unmodifiableList(transitions);
    }

    private static void print(Run run) {
        Wrk.Result result = run.result();
        System.out.printf("Order %s%n", run.setup().description());
        System.out.printf("  Transactions:              %8d hits%n", result.requests());
        System.out.printf("  Availability:              %8.2f %% (answered, and not 5xx)%n",
                result.availabilityPercent());
        System.out.printf("  Elapsed time:              %8.2f secs%n", result.seconds());
        System.out.printf("  Transaction rate:          %8.2f trans/sec%n", result.perSecond());
        System.out.printf("  Response time (mean):      %8.3f secs%n", result.meanMillis() / 1e3);
        System.out.printf("  Response time (p50/p99):   %8.3f / %.3f secs%n", result.p50Millis() / 1e3,
                result.p99Millis() / 1e3);
        System.out.printf("  Longest transaction:       %8.3f secs%n", result.maxMillis() / 1e3);
        System.out.printf("  Ordered (201):             %8d%n", result.answered(status -> status == 201));
        System.out.printf("  Sold out (409):            %8d%n", result.answered(status -> status == 409));
        System.out.printf("  Refused, retry (503):      %8d (%d of them without Retry-After)%n",
                result.answered(status -> status == 503), result.refusalsWithoutRetryAfter());
        System.out.printf("  Other answers:             %8d %s%n",
                result.answered(status -> status != 201 && status != 409 && status != 503),
                result.statuses());
        System.out.printf("  No answer (socket errors): %8d%n", result.socketErrors());
        System.out.printf("  Breaker transitions:       %s%n%n", run.transitions().isEmpty() ? "none (CLOSED)"
                : String.join(", ", run.transitions().stream()
                        .map(transition -> "%s at %.1f s".formatted(transition.to(), transition.atSeconds()))
                        .toList()));
    }
}
