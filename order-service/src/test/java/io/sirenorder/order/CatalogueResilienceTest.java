package io.sirenorder.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The bulkhead and the circuit breaker around the product service, with settings small enough to see them work:
 * two checks at once, and a breaker that counts a check over 200 ms as slow, decides over four checks and waits one
 * second before it probes. The timeout is generous so that only the bulkhead and the breaker refuse here.
 */
@TestPropertySource(properties = {
        "siren.catalogue.timeout=5s",
        "siren.catalogue.bulkhead.max-concurrent-calls=" + CatalogueResilienceTest.MAX_CONCURRENT_CHECKS,
        "siren.catalogue.circuit-breaker.slow-call-duration-threshold=200ms",
        "siren.catalogue.circuit-breaker.slow-call-rate-threshold=50",
        "siren.catalogue.circuit-breaker.sliding-window-size=4",
        "siren.catalogue.circuit-breaker.minimum-number-of-calls=4",
        "siren.catalogue.circuit-breaker.wait-duration-in-open-state=1s",
        "siren.catalogue.circuit-breaker.permitted-number-of-calls-in-half-open-state=2"})
class CatalogueResilienceTest extends OrderServiceTestBase {

    static final int MAX_CONCURRENT_CHECKS = 2;
    private static final Duration SLOW = Duration.ofMillis(300);

    @Test
    void ordersBeyondTheBulkheadAreRefusedAtOnceWhileTheAdmittedOnesWaitForTheProductService() {
        // the product service holds every check until the gate opens: the first two hold the bulkhead's places
        productService.gated(601, 3500);
        long before = storedOrders();
        int orders = 8;
        var go = new CountDownLatch(1);
        List<CompletableFuture<Response>> responses = new ArrayList<>();
        try (var customers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < orders; i++) {
                responses.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(go);
                    return post("/orders", "{\"productId\": 601}");
                }, customers));
            }
            go.countDown();

            // the excess is answered while the admitted orders are still waiting on the product service
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                    .until(() -> responses.stream().filter(CompletableFuture::isDone).count()
                            >= orders - MAX_CONCURRENT_CHECKS);
            List<CompletableFuture<Response>> answered = responses.stream().filter(CompletableFuture::isDone).toList();
            List<CompletableFuture<Response>> waiting = responses.stream().filter(r -> !r.isDone()).toList();
            assertThat(answered).hasSize(orders - MAX_CONCURRENT_CHECKS);
            assertThat(waiting).hasSize(MAX_CONCURRENT_CHECKS);
            assertThat(productService.calls()).isEqualTo(MAX_CONCURRENT_CHECKS);
            for (CompletableFuture<Response> refused : answered) {
                Response response = refused.join();
                assertThat(assertProblem(response, 503).get("detail").asString()).isEqualTo(
                        "Too many orders are waiting for the product service. "
                                + "Nothing was ordered; please try again shortly.");
                assertThat(response.header("Retry-After")).isEqualTo("1");
            }
            assertThat(storedOrders()).isEqualTo(before);

            productService.openGate();

            for (CompletableFuture<Response> admitted : waiting) {
                assertThat(admitted.join().status()).isEqualTo(201);
            }
        }
        assertThat(storedOrders()).isEqualTo(before + MAX_CONCURRENT_CHECKS);
        assertThat(publishedOrders().stream().filter(order -> order.productId() == 601))
                .hasSize(MAX_CONCURRENT_CHECKS);
        // a refusal for a full bulkhead is not held against the product service
        assertThat(catalogueHealth().get("state").asString()).isEqualTo("CLOSED");
        assertThat(catalogueHealth().get("notPermittedCalls").asInt()).isZero();
    }

    @Test
    void slowAnswersOpenTheBreakerWhichProbesAfterItsWaitAndClosesOnSuccess() {
        productService.slow(602, 3500, SLOW);

        // slow but within the timeout: each order is placed, and each counts as slow
        for (int i = 0; i < 4; i++) {
            assertThat(post("/orders", "{\"productId\": 602}").status()).isEqualTo(201);
        }

        assertThat(catalogueHealth().get("state").asString()).isEqualTo("OPEN");
        assertThat(catalogueHealth().get("slowCallRate").asDouble()).isEqualTo(100.0);
        assertThat(breakerState("open")).isEqualTo(1.0);
        // product being slow is not order being broken: it still serves its menu and its orders
        assertThat(get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
        JsonNode readiness = get("/actuator/health/readiness").json();
        assertThat(readiness.get("status").asString()).isEqualTo("UP");
        assertThat(readiness.path("components").has("catalogue")).isFalse();
        long before = storedOrders();

        Response refused = post("/orders", "{\"productId\": 602}");

        assertThat(assertProblem(refused, 503).get("detail").asString()).isEqualTo(
                "The product service is failing, so orders are paused for a moment. "
                        + "Nothing was ordered; please try again shortly.");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(productService.calls()).isEqualTo(4);
        assertThat(storedOrders()).isEqualTo(before);

        // the product service recovers; after its wait the breaker half-opens by itself, without an order
        productService.available(602, 3500);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> catalogueHealth().get("state").asString().equals("HALF_OPEN"));
        assertThat(breakerState("half_open")).isEqualTo(1.0);

        // the permitted trial orders succeed quickly, and the breaker closes
        for (int i = 0; i < 2; i++) {
            assertThat(post("/orders", "{\"productId\": 602}").status()).isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> catalogueHealth().get("state").asString().equals("CLOSED"));
        assertThat(breakerState("closed")).isEqualTo(1.0);
        assertThat(post("/orders", "{\"productId\": 602}").status()).isEqualTo(201);
        assertThat(storedOrders()).isEqualTo(before + 3);
    }

    @Test
    void checksDelayedOutsideAFastProductServiceNeverOpenTheBreaker() {
        // every round trip is over the slow-call threshold, but the product service says it answered at once: the
        // time went to queues on a busy machine, which says nothing against the product service
        productService.delayedOnTheWay(603, 3500, SLOW);
        long before = storedOrders();

        for (int i = 0; i < 8; i++) {
            assertThat(post("/orders", "{\"productId\": 603}").status()).isEqualTo(201);
        }

        assertThat(catalogueHealth().get("state").asString()).isEqualTo("CLOSED");
        assertThat(catalogueHealth().get("slowCallRate").asDouble()).isZero();
        assertThat(storedOrders()).isEqualTo(before + 8);
    }

    @Test
    void withoutTheProductServicesOwnTimingASlowRoundTripCountsAsSlow() {
        productService.slowWithoutTiming(604, 3500, SLOW);

        for (int i = 0; i < 4; i++) {
            assertThat(post("/orders", "{\"productId\": 604}").status()).isEqualTo(201);
        }

        assertThat(catalogueHealth().get("state").asString()).isEqualTo("OPEN");
        assertThat(catalogueHealth().get("slowCallRate").asDouble()).isEqualTo(100.0);
    }

    private JsonNode catalogueHealth() {
        Response health = get("/actuator/health/catalogue");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        return health.json().get("details");
    }

    private double breakerState(String state) {
        Response metric = get("/actuator/metrics/resilience4j.circuitbreaker.state?tag=name:product-service"
                + "&tag=state:" + state);
        assertThat(metric.status()).isEqualTo(200);
        return metric.json().get("measurements").get(0).get("value").asDouble();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
