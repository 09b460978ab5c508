package io.sirenorder.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sirenorder.events.CheckedAgainst;
import io.sirenorder.events.OrderPlaced;
import io.sirenorder.events.ProductRegistered;
import io.sirenorder.events.ProductState;
import io.sirenorder.events.ProductStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Graceful degradation on ({@code siren.catalogue.when-unavailable=accept-from-menu}): with the product service down,
 * the menu replica's last known price and status decide, and an accepted order says it was checked against the
 * menu, in its response, its row and its event.
 */
@TestPropertySource(properties = "siren.catalogue.when-unavailable=accept-from-menu")
class DegradedOrderTest extends OrderServiceTestBase {

    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    @Test
    void anItemTheMenuShowsAvailableIsAcceptedAtItsPriceAndMarkedAsCheckedAgainstTheMenu() {
        onTheMenu(701, 4200, ProductStatus.Available);
        productService.stop();

        Response placed = post("/orders", """
                {"productId": 701, "quantity": 2, "customerId": "ada"}""");

        assertThat(placed.status()).isEqualTo(201);
        JsonNode order = placed.json();
        long id = order.get("id").asLong();
        assertThat(order.get("price").asInt()).isEqualTo(4200);
        assertThat(order.get("totalPrice").asLong()).isEqualTo(8400);
        assertThat(order.get("status").asString()).isEqualTo("Ordered");
        assertThat(order.get("checkedAgainst").asString()).isEqualTo("Menu");
        assertThat(get("/orders/" + id).json()).isEqualTo(order);
        assertThat(jdbc.sql("SELECT checked_against FROM orders WHERE id = ?").param(id).query(String.class)
                .single()).isEqualTo("Menu");
        Instant orderedAt = Instant.parse(order.get("orderedAt").asString());
        assertThat(publishedOrders()).contains(
                new OrderPlaced(id, 701, 2, 4200, "ada", orderedAt, CheckedAgainst.Menu));
    }

    @Test
    void withTheProductServiceUpTheCatalogueStillDecidesAndTheOrderIsMarkedSo() {
        onTheMenu(704, 4200, ProductStatus.Available);
        // the catalogue's price now differs from the menu's last known one: the catalogue's wins
        productService.available(704, 4400);

        Response placed = post("/orders", "{\"productId\": 704}");

        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.json().get("price").asInt()).isEqualTo(4400);
        assertThat(placed.json().get("checkedAgainst").asString()).isEqualTo("Catalogue");
        long id = placed.json().get("id").asLong();
        assertThat(publishedOrders()).anyMatch(event -> event.orderId() == id
                && event.checkedAgainst() == CheckedAgainst.Catalogue);
    }

    @Test
    void anItemTheMenuShowsSoldOutIsAConflictAndNothingIsStored() {
        onTheMenu(702, 4200, ProductStatus.SoldOut);
        productService.stop();
        long before = storedOrders();

        Response refused = post("/orders", "{\"productId\": 702}");

        assertThat(assertProblem(refused, 409).get("detail").asString())
                .isEqualTo("Product 702 cannot be ordered now: it is sold out.");
        assertThat(storedOrders()).isEqualTo(before);
        assertThat(publishedOrders()).noneMatch(order -> order.productId() == 702);
    }

    @Test
    void anItemUnknownToTheMenuIsStillServiceUnavailableAndNothingIsStored() {
        productService.available(703, 4200);
        productService.stop();
        long before = storedOrders();

        Response refused = post("/orders", "{\"productId\": 703}");

        assertThat(assertProblem(refused, 503).get("detail").asString()).isEqualTo(
                "The product service could not be reached. Nothing was ordered; please try again shortly.");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(storedOrders()).isEqualTo(before);
        assertThat(publishedOrders()).noneMatch(order -> order.productId() == 703);
    }

    @Test
    void anOpenBreakerFallsBackToTheMenuToo() {
        onTheMenu(705, 3000, ProductStatus.Available);
        productService.failing(705);
        for (int i = 0; i < 5; i++) {
            assertThat(post("/orders", "{\"productId\": 705}").json().get("checkedAgainst").asString())
                    .isEqualTo("Menu");
        }
        int calls = productService.calls();

        Response placed = post("/orders", "{\"productId\": 705}");

        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.json().get("checkedAgainst").asString()).isEqualTo("Menu");
        // the breaker is open: the product service was not asked
        assertThat(productService.calls()).isEqualTo(calls);
    }

    private void onTheMenu(long productId, int price, ProductStatus status) {
        publishProductEvents(new ProductRegistered(new ProductState(productId, 1, "Latte", price, status, NOW)));
        await().atMost(Duration.ofSeconds(15)).until(() -> get("/menu/" + productId).status() == 200);
    }
}
