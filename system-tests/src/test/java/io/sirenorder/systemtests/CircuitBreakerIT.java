package io.sirenorder.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sirenorder.bench.Wrk;
import io.sirenorder.local.Service;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seed's experiment, in seconds rather than a minute, against the whole system as {@code ./siren up} runs it:
 * 100 customers ordering through the gateway while the product service answers in 400–620 ms, then with the
 * product service dead. Each order is answered 201 from a real check or an honest 503; order's circuit breaker
 * opens, and closes again by itself once product is back; the menu stays fast throughout. "Fast" is measured against
 * a healthy rush on the same machine just before, so that a machine slower than the one these bounds were first
 * seen on does not fail them: a slow product costs a customer at most the check's budget more than the slowest
 * answer of a healthy rush, and someone reading the menu meanwhile waits less than product's slowed answer (or no
 * longer than in a healthy rush): the menu is order's own replica, it never waits for product.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CircuitBreakerIT {

    /** Order's time budget for the product check (siren.catalogue.timeout). */
    private static final Duration BUDGET = Duration.ofMillis(610);
    /** Bounds that hold on a fast machine whatever a healthy rush took there. */
    private static final Duration SLOWEST_ORDER = Duration.ofMillis(2010);
    /** Product's fastest answer in the experiment: a read that took less did not wait for product. */
    private static final Duration SLOWED_PRODUCT = Duration.ofMillis(400);
    private static final Duration MENU_LIMIT = Duration.ofSeconds(1);
    private static final int CUSTOMERS = 100;
    private static final Duration LOAD = Duration.ofSeconds(4);
    /** Before the experiment the shop has been open for a moment: connections made, code compiled. */
    private static final Duration OPEN_FOR_BUSINESS = Duration.ofSeconds(8);
    private static final Duration PROPAGATION = Duration.ofSeconds(20);
    private static final Duration RECOVERY = Duration.ofSeconds(45);

    @RegisterExtension
    static final RunningSystem running = RunningSystem.onH2();

    private static final List<Long> products = new ArrayList<>();

    @BeforeAll
    static void aMenuOfFiveItems() {
        for (int i = 1; i <= 5; i++) {
            products.add(running.clerk().expect(201, "POST", gateway("/products"),
                    "{\"price\": %d, \"name\": \"Rush %d\"}".formatted(4000 + i * 100, i)).get("id").asLong());
        }
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(menuIds()).containsAll(products));
    }

    @Test
    @Order(1)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aSlowProductServiceCostsCustomersAtMostTheBudgetAndTheMenuStaysFast() throws Exception {
        assumeTrue(Wrk.installed(), "wrk, the load tool, is not installed (apt-get install wrk): load proof skipped");
        Wrk.run(gateway(""), "orders.lua", CUSTOMERS, OPEN_FOR_BUSINESS,
                running.loadCustomers().ordering(menu()));
        awaitBreakerClosedWithOrdersSucceeding();
        Rush healthy = rush();
        awaitBreakerClosedWithOrdersSucceeding();
        long storedBefore = storedOrders();

        String slowness = "{\"minLatency\":%d,\"maxLatency\":620,\"failureRate\":0}"
                .formatted(SLOWED_PRODUCT.toMillis());
        assertThat(running.http().send("POST", url(Service.PRODUCT, "/actuator/faults"), slowness).statusCode())
                .as("slowing product down").isBetween(200, 204);
        Rush slowed;
        try {
            slowed = rush();
        } finally {
            running.http().send("DELETE", url(Service.PRODUCT, "/actuator/faults"), null);
        }
        System.out.printf("CircuitBreakerIT, product healthy: %s%n", healthy);
        System.out.printf("CircuitBreakerIT, product slowed to 400-620 ms: %s%n", slowed);

        Wrk.Result load = slowed.orders();
        assertThat(load.requests()).as("answers").isGreaterThanOrEqualTo(CUSTOMERS);
        assertThat(load.socketErrors()).as("orders not answered at all").isZero();
        assertThat(load.statuses().keySet()).as("statuses answered").isSubsetOf(201, 503).contains(503);
        double slowestBound = Math.max(SLOWEST_ORDER.toMillis(), healthy.orders().maxMillis() + BUDGET.toMillis());
        assertThat(load.maxMillis()).as("the slowest answer (ms)").isLessThanOrEqualTo(slowestBound);
        assertThat(load.refusalsWithoutRetryAfter()).as("503 answers without Retry-After or a problem body").isZero();
        // a read never waits on product: its slowest is the saturated machine's jitter, which the healthy rush shows
        // from a dozen reads at most; the slowed rush's may land up to a budget beyond it, as the orders' may
        assertThat(Collections.max(slowed.reads())).as("the slowest GET /menu or GET /orders during the load (ms)")
                .isLessThanOrEqualTo(Math.max(MENU_LIMIT.toMillis(), Collections.max(healthy.reads())
                        + BUDGET.toMillis()));
        assertThat(median(slowed.reads())).as("median read latency (ms) during the load")
                .isLessThanOrEqualTo(Math.max(SLOWED_PRODUCT.toMillis() - 1, median(healthy.reads())));
        assertThat(slowed.breakerStates()).as("order's breaker states seen during the load").contains("OPEN");
        // wrk stops reading at the end of the load: orders then in flight may be stored without their 201 being read
        long placed = load.answered(status -> status == 201);
        assertThat(storedOrders() - storedBefore).as("orders stored: every 201, and at most those in flight at the end")
                .isBetween(placed, placed + CUSTOMERS);
    }

    /** What customers got in a rush, and what another customer reading meanwhile saw, breaker watched. */
    private record Rush(Wrk.Result orders, List<Long> reads, Set<String> breakerStates) {

        @Override
        public String toString() {
            return ("%d answers %s in %.1f s, mean %.0f ms, p99 %.0f ms, slowest %.0f ms; "
                    + "%d reads, median %d ms, slowest %d ms; breaker states %s").formatted(
                    orders.requests(), orders.statuses(), orders.seconds(), orders.meanMillis(), orders.p99Millis(),
                    orders.maxMillis(), reads.size(), median(reads), Collections.max(reads), breakerStates);
        }
    }

    /** 100 customers order through the gateway while another reads the menu and their orders. */
    private static Rush rush() throws Exception {
        List<Long> readMillis = new ArrayList<>();
        Set<String> breakerStates = new HashSet<>();
        JsonHttp reader = running.customer("reader");
        try (var customers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Wrk.Result> ordering = customers.submit(() -> Wrk.run(gateway(""), "orders.lua", CUSTOMERS,
                    LOAD, running.loadCustomers().ordering(menu())));
            for (int read = 0; !ordering.isDone(); read++) {
                long began = System.nanoTime();
                HttpResponse<String> response = reader.send("GET",
                        gateway(read % 2 == 0 ? "/menu" : "/orders?size=5"), null);
                readMillis.add(millisSince(began));
                assertThat(response.statusCode()).as("a read during the load: %s", response.body()).isEqualTo(200);
                breakerStates.add(breakerState());
            }
            return new Rush(ordering.get(), readMillis, breakerStates);
        }
    }

    private static List<String> menu() {
        return products.stream().map(String::valueOf).toList();
    }

    @Test
    @Order(2)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aKilledProductServiceOpensTheBreakerAndARestartedOneClosesItWithNoManualStep() {
        long productId = products.getFirst();
        awaitBreakerClosedWithOrdersSucceeding();
        long storedBefore = storedOrders();

        running.local().kill(Service.PRODUCT);
        List<Answer> answers = IntStream.range(0, 12).mapToObj(i -> order(productId)).toList();
        assertThat(answers).as("orders while product is dead")
                .allSatisfy(answer -> {
                    assertThat(answer.status()).isEqualTo(503);
                    assertThat(answer.honest503()).as("Retry-After and a problem body").isTrue();
                    assertThat(answer.millis()).isLessThanOrEqualTo(SLOWEST_ORDER.toMillis());
                });
        assertThat(breakerState()).as("breaker with product dead").isEqualTo("OPEN");
        assertThat(storedOrders()).as("orders stored while product is dead").isEqualTo(storedBefore);

        running.local().start(Service.PRODUCT);
        awaitBreakerClosedWithOrdersSucceeding();
    }

    /** Customers keep ordering until the breaker has half-opened, let its trial orders through, and closed. */
    private static void awaitBreakerClosedWithOrdersSucceeding() {
        long productId = products.getFirst();
        await().atMost(RECOVERY).untilAsserted(() -> {
            assertThat(order(productId).status()).as("an order").isEqualTo(201);
            assertThat(breakerState()).as("order's breaker").isEqualTo("CLOSED");
        });
    }

    private record Answer(int status, long millis, boolean honest503) {
    }

    private static Answer order(long productId) {
        long began = System.nanoTime();
        HttpResponse<String> response = running.customer("ada").send("POST", gateway("/orders"),
                "{\"productId\": %d, \"customerId\": \"rush\"}".formatted(productId));
        long millis = millisSince(began);
        boolean honest503 = response.statusCode() == 503
                && response.headers().firstValue("Retry-After").isPresent()
                && response.headers().firstValue("Content-Type").orElse("").contains("application/problem+json");
        return new Answer(response.statusCode(), millis, honest503);
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static long median(List<Long> millis) {
        return millis.stream().sorted().toList().get(millis.size() / 2);
    }

    private static String breakerState() {
        return running.http().get(url(Service.ORDER, "/actuator/health/catalogue")).get("details").get("state")
                .asString();
    }

    private static long storedOrders() {
        return running.clerk().get(gateway("/orders?size=1")).get("page").get("totalElements").asLong();
    }

    private static List<Long> menuIds() {
        return StreamSupport.stream(running.http().get(gateway("/menu")).spliterator(), false)
                .map(item -> item.get("productId").asLong())
                .toList();
    }

    private static String gateway(String path) {
        return url(Service.GATEWAY, path);
    }

    private static String url(Service service, String path) {
        return running.local().baseUrl(service) + path;
    }
}
