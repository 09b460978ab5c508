package io.sirenorder.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sirenorder.bench.CoreHog;
import io.sirenorder.bench.Wrk;
import io.sirenorder.local.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rush hour on a machine with no CPU to spare, the product service healthy: the shop opens (100 customers order
 * through the gateway as fast as they are answered, while the JIT compiles), then another program takes one of the
 * two cores, and the customers go on. Every order is placed and none is refused: order's circuit breaker judges
 * product by the time product itself took, which the saturated machine does not stretch, not by the round trip, which
 * it does. That a slow or dead product still opens the breaker is {@link CircuitBreakerIT}.
 */
class RushHourIT {

    private static final int CUSTOMERS = 100;
    private static final int MENU_ITEMS = 20;
    /** The first customers meet code the JIT has not compiled yet: the bench reports that phase on its own. */
    private static final Duration OPENING = Duration.ofSeconds(30);
    private static final Duration RUSH = Duration.ofSeconds(20);
    private static final Duration PROPAGATION = Duration.ofSeconds(20);

    @RegisterExtension
    static final RunningSystem running = RunningSystem.onH2();

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aSaturatedMachineRefusesNoOrderWhileProductIsHealthy() throws Exception {
        assumeTrue(Wrk.installed(), "wrk, the load tool, is not installed (apt-get install wrk): load proof skipped");
        List<String> menu = new ArrayList<>();
        for (int i = 1; i <= MENU_ITEMS; i++) {
            menu.add(running.clerk().expect(201, "POST", url(Service.GATEWAY, "/products"),
                    "{\"price\": %d, \"name\": \"Rush %d\"}".formatted(3000 + i * 100, i)).get("id").asString());
        }
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(menuIds()).containsAll(menu));
        Wrk.Result opening = Wrk.run(url(Service.GATEWAY, ""), "orders.lua", CUSTOMERS, OPENING,
                running.loadCustomers().ordering(menu));
        System.out.printf("RushHourIT, the shop opens, %d customers: %s in %.1f s, p99 %.0f ms%n", CUSTOMERS,
                opening.statuses(), opening.seconds(), opening.p99Millis());
        long storedBefore = storedOrders();

        Wrk.Result rush;
        Set<String> breakerStates = new LinkedHashSet<>();
        try (CoreHog hog = CoreHog.start(); var customers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Wrk.Result> ordering = customers.submit(() -> Wrk.run(url(Service.GATEWAY, ""), "orders.lua",
                    CUSTOMERS, RUSH, running.loadCustomers().ordering(menu)));
            while (!ordering.isDone()) {
                var breaker = running.http().get(url(Service.ORDER, "/actuator/health/catalogue")).get("details");
                breakerStates.add(breaker.get("state").asString());
                if (!breaker.get("state").asString().equals("CLOSED")) {
                    System.out.println("RushHourIT breaker: " + breaker);
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
            rush = ordering.get();
        }
        System.out.printf("RushHourIT, one core taken, %d customers: %d answers %s in %.1f s (%.0f placed a second), "
                        + "p50 %.0f ms, p99 %.0f ms, slowest %.0f ms; breaker states %s%n", CUSTOMERS,
                rush.requests(), rush.statuses(), rush.seconds(), rush.placedPerSecond(), rush.p50Millis(),
                rush.p99Millis(), rush.maxMillis(), breakerStates);

        assertThat(rush.socketErrors()).as("orders not answered at all").isZero();
        assertThat(rush.statuses().keySet()).as("statuses answered: every order placed").containsOnly(201);
        assertThat(breakerStates).as("order's breaker throughout").containsOnly("CLOSED");
        assertThat(catalogueHealth("notPermittedCalls")).as("checks the breaker refused").isZero();
        // wrk stops reading at the end of a load: orders then in flight may be stored without their 201 being read,
        // at the end of the opening (after the count before) and at the end of the rush
        assertThat(storedOrders() - storedBefore)
                .as("orders stored: every 201, and at most those in flight at the ends")
                .isBetween(rush.requests(), rush.requests() + 2L * CUSTOMERS);
    }

    private static String breakerState() {
        return running.http().get(url(Service.ORDER, "/actuator/health/catalogue")).get("details").get("state")
                .asString();
    }

    private static long catalogueHealth(String detail) {
        return running.http().get(url(Service.ORDER, "/actuator/health/catalogue")).get("details").get(detail)
                .asLong();
    }

    private static long storedOrders() {
        return running.clerk().get(url(Service.GATEWAY, "/orders?size=1")).get("page").get("totalElements").asLong();
    }

    private static List<String> menuIds() {
        return StreamSupport.stream(running.http().get(url(Service.GATEWAY, "/menu")).spliterator(), false)
                .map(item -> item.get("productId").asString())
                .toList();
    }

    private static String url(Service service, String path) {
        return running.local().baseUrl(service) + path;
    }
}
