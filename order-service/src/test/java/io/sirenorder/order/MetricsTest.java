package io.sirenorder.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sirenorder.events.ProductRegistered;
import io.sirenorder.events.ProductState;
import io.sirenorder.events.ProductStatus;
import io.sirenorder.testing.metrics.PrometheusScrape;
import io.sirenorder.testing.security.NetworkAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a Prometheus beside order scrapes: the project's own meters, from this machine without a token, and tags that
 * stay few however many customers order: no customer, order, product or product name ever becomes a tag's value.
 */
class MetricsTest extends OrderServiceTestBase {

    private static final String PLACED = "siren_orders_placed_total";
    private static final String REFUSED = "siren_orders_refused_total";

    @Test
    void prometheusScrapesFromThisMachineWithoutATokenAndFromNowhereElse() {
        PrometheusScrape scrape = scrape();

        assertThat(scrape.isPrometheusText()).as(scrape.body()).isTrue();
        assertThat(scrape.sampleNames()).contains(PLACED, REFUSED, "siren_outbox_append_seconds_count",
                "siren_outbox_lag_seconds_count", "siren_catalogue_caller_stall_seconds",
                "resilience4j_circuitbreaker_state", "resilience4j_bulkhead_available_concurrent_calls");
        assertThat(scrape.sum("resilience4j_circuitbreaker_state", "name=\"product-service\"", "state=\"closed\""))
                .isEqualTo(1.0);
        NetworkAddress.ofThisMachine().ifPresent(network ->
                assertThat(PrometheusScrape.of(network, port).status()).isEqualTo(401));
    }

    @Test
    void ordersAreCountedByOutcomeAndNoTagNamesACustomerAnOrderOrAProduct() {
        List<Long> products = List.of(918_273_001L, 918_273_002L, 918_273_003L);
        List<String> customers = List.of("zoe-metrics-4711", "yan-metrics-4712", "xia-metrics-4713");
        String productName = "Cardinality Cortado";
        long soldOut = 918_273_004L;
        long unknown = 918_273_005L;
        products.forEach(product -> productService.available(product, 3500));
        productService.soldOut(soldOut, 3500);
        // the menu hears of a product by name; its events' lag is timed by topic alone
        publishProductEvents(new ProductRegistered(new ProductState(products.getFirst(), 1, productName, 3500,
                ProductStatus.Available, Instant.now())));
        await().atMost(Duration.ofSeconds(15)).until(() -> get("/menu/" + products.getFirst()).status() == 200);
        PrometheusScrape before = scrape();

        List<String> orderIds = new ArrayList<>();
        for (String customer : customers) {
            for (long product : products) {
                Response placed = post("/orders", "application/json", "{\"productId\": " + product + "}",
                        ISSUER.customer(customer));
                assertThat(placed.status()).isEqualTo(201);
                orderIds.add(placed.json().get("id").asString());
                assertThat(get("/orders/" + orderIds.getLast()).status()).isEqualTo(200);
            }
        }
        String customer = customers.getFirst();
        assertThat(post("/orders", "application/json", "{\"productId\": " + soldOut + "}", ISSUER.customer(customer))
                .status()).isEqualTo(409);
        assertThat(post("/orders", "application/json", "{\"productId\": " + unknown + "}", ISSUER.customer(customer))
                .status()).isEqualTo(404);
        assertThat(post("/orders", "application/json", "{\"productId\": " + unknown + ", \"quantity\": 0}",
                ISSUER.customer(customer)).status()).isEqualTo(400);
        PrometheusScrape after = scrape();

        assertThat(after.sum(PLACED, "checked_against=\"catalogue\"")
                - before.sum(PLACED, "checked_against=\"catalogue\"")).isEqualTo(orderIds.size());
        for (String reason : List.of("product-not-orderable", "unknown-product", "invalid")) {
            String tag = "reason=\"" + reason + "\"";
            assertThat(after.sum(REFUSED, tag) - before.sum(REFUSED, tag)).as(reason).isEqualTo(1);
        }
        assertThat(after.sum(REFUSED, "reason=\"catalogue-unavailable\""))
                .isEqualTo(before.sum(REFUSED, "reason=\"catalogue-unavailable\""));
        assertThat(after.sampleNames()).contains("siren_events_lag_seconds_count");
        assertThat(after.samples("siren_events_lag_seconds_count")).allSatisfy(sample ->
                assertThat(sample).contains("topic=\"siren.product-events\""));
        List<String> named = Stream.of(customers.stream(), Stream.of(productName),
                Stream.concat(products.stream(), Stream.of(soldOut, unknown)).map(String::valueOf),
                orderIds.stream().map(id -> "/orders/" + id)).flatMap(s -> s).toList();
        // what each order's own requests are tagged with instead: their route's template
        assertThat(after.labelValues()).contains("/orders/{orderId}");
        assertThat(after.labelValues()).allSatisfy(value -> {
            assertThat(named).noneSatisfy(name -> assertThat(value).contains(name));
            assertThat(orderIds).doesNotContain(value);
        });
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.of("127.0.0.1", port);
    }
}
