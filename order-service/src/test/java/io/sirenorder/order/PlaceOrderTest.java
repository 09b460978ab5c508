package io.sirenorder.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sirenorder.events.CheckedAgainst;
import io.sirenorder.events.CloudEventHeaders;
import io.sirenorder.events.EventJson;
import io.sirenorder.events.EventType;
import io.sirenorder.events.OrderPlaced;
import io.sirenorder.events.ProductRegistered;
import io.sirenorder.events.ProductState;
import io.sirenorder.events.ProductStatus;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Placing an order: the product service is asked first, and only its yes stores the order and publishes it.
 * Every refusal uses a product of its own, so that "nothing was published for it" can be checked on the topic.
 */
class PlaceOrderTest extends OrderServiceTestBase {

    /** The product service's timeout budget, and what a busy test machine may add to it. */
    private static final Duration BUDGET = Duration.ofMillis(610);
    private static final Duration MARGIN = Duration.ofMillis(1_400);

    @Test
    void anAvailableProductIsOrderedStoredAndAnnounced() {
        productService.available(1, 3500);

        Response placed = post("/orders", """
                {"productId": 1, "quantity": 2, "customerId": "ada"}""");

        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.header("Content-Type")).startsWith("application/json");
        JsonNode order = placed.json();
        long id = order.get("id").asLong();
        assertThat(placed.header("Location")).isEqualTo("/orders/" + id);
        assertThat(order.get("productId").asLong()).isEqualTo(1);
        assertThat(order.get("quantity").asInt()).isEqualTo(2);
        assertThat(order.get("price").asInt()).isEqualTo(3500);
        assertThat(order.get("totalPrice").asLong()).isEqualTo(7000);
        assertThat(order.get("status").asString()).isEqualTo("Ordered");
        assertThat(order.get("customerId").asString()).isEqualTo("ada");
        assertThat(order.get("checkedAgainst").asString()).isEqualTo("Catalogue");
        Instant orderedAt = Instant.parse(order.get("orderedAt").asString());

        Response read = get(placed.header("Location"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(order);

        ConsumerRecord<String, byte[]> event = orderEvent(Long.toString(id));
        assertThat(header(event, CloudEventHeaders.TYPE)).isEqualTo(EventType.ORDER_PLACED.ceType());
        assertThat(header(event, CloudEventHeaders.SOURCE)).isEqualTo("/sirenorder/order");
        assertThat(header(event, CloudEventHeaders.ID)).isNotBlank();
        var placedEvent = new OrderPlaced(id, 1, 2, 3500, "ada", orderedAt, CheckedAgainst.Catalogue);
        assertThat(EventJson.read(EventType.ORDER_PLACED, event.value())).isEqualTo(placedEvent);
        // what the refusals below rely on to show that they published nothing
        assertThat(publishedOrders()).contains(placedEvent);
    }

    @Test
    void theSeedsHttpieOrderWorks() {
        productService.available(7, 4500);

        // httpie sends productId=7 as a JSON string; the seed's load test sent a numeric customerId, which no longer
        // says whose the order is: the token does
        Response placed = post("/orders", """
                {"productId": "7", "customerId": 2}""");

        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.json().get("quantity").asInt()).isEqualTo(1);
        assertThat(placed.json().get("customerId").asString()).isEqualTo(CUSTOMER);
    }

    @Test
    void theLargestOrderIsAccepted() {
        productService.available(1, 3500);

        Response placed = post("/orders", """
                {"productId": 1, "quantity": 100}""");

        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.json().get("totalPrice").asLong()).isEqualTo(350_000);
    }

    @ParameterizedTest(name = "price {1}, {2}, orderable {3}")
    @CsvSource(delimiter = '|', textBlock = """
            201 | 3500 | SoldOut   | false | it is sold out.
            202 | 0    | Available | false | it has no price.
            203 | 0    | SoldOut   | false | it is sold out and has no price.
            204 | 3500 | Available | false | it is not offered by the catalogue.
            205 | 0    | Available | true  | it has no price.""")
    void aProductThatCannotBeOrderedIsAConflictSayingWhyAndStoresNothing(long productId, int price, String status,
            boolean orderable, String why) {
        productService.product(productId, price, status, orderable, 3);
        long before = storedOrders();

        Response refused = post("/orders", "{\"productId\": " + productId + "}");

        assertProblem(refused, 409, "Product " + productId + " cannot be ordered now: " + why);
        assertNothingStoredOrPublished(before, productId);
    }

    @Test
    void anUnknownProductIsNotFoundAndStoresNothing() {
        long before = storedOrders();

        Response refused = post("/orders", "{\"productId\": 404}");

        assertProblem(refused, 404, "Product 404 does not exist.");
        assertThat(productService.calls()).isEqualTo(1);
        assertNothingStoredOrPublished(before, 404);
    }

    @Test
    void aFailingProductServiceIsServiceUnavailableWithRetryAfterAndStoresNothing() {
        productService.failing(301);
        long before = storedOrders();

        Response refused = post("/orders", "{\"productId\": 301}");

        assertProblem(refused, 503, "The product service answered HTTP 500. "
                + "Nothing was ordered; please try again shortly.");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertNothingStoredOrPublished(before, 301);
    }

    @Test
    void aSilentProductServiceIsServiceUnavailableWithinTheTimeoutBudget() {
        productService.hanging(302);
        long before = storedOrders();

        long start = System.nanoTime();
        Response refused = post("/orders", "{\"productId\": 302}");
        Duration answeredAfter = Duration.ofNanos(System.nanoTime() - start);

        assertProblem(refused, 503, "The product service did not answer within 610 ms. "
                + "Nothing was ordered; please try again shortly.");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        // without the deadline it would be 30 s, the stub's own limit
        assertThat(answeredAfter).isBetween(BUDGET.minusMillis(10), BUDGET.plus(MARGIN));
        assertNothingStoredOrPublished(before, 302);
    }

    @Test
    void aStoppedProductServiceIsServiceUnavailableAtOnce() {
        productService.available(303, 3500);
        productService.stop();
        long before = storedOrders();

        long start = System.nanoTime();
        Response refused = post("/orders", "{\"productId\": 303}");
        Duration answeredAfter = Duration.ofNanos(System.nanoTime() - start);

        assertProblem(refused, 503, "The product service could not be reached. "
                + "Nothing was ordered; please try again shortly.");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(answeredAfter).isLessThan(BUDGET.plus(MARGIN));
        assertNothingStoredOrPublished(before, 303);
    }

    @Test
    void byDefaultAStoppedProductServiceIsServiceUnavailableEvenForAnItemTheMenuShowsAvailable() {
        publishProductEvents(new ProductRegistered(new ProductState(305, 1, "Latte", 3500, ProductStatus.Available,
                Instant.parse("2026-11-25T09:00:00Z"))));
        await().atMost(Duration.ofSeconds(15)).until(() -> get("/menu/305").status() == 200);
        productService.stop();
        long before = storedOrders();

        Response refused = post("/orders", "{\"productId\": 305}");

        assertProblem(refused, 503, "The product service could not be reached. "
                + "Nothing was ordered; please try again shortly.");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertNothingStoredOrPublished(before, 305);
    }

    @Test
    void afterRepeatedFailuresTheBreakerAnswersAtOnceWithoutAskingTheProductService() {
        productService.failing(304);
        for (int i = 0; i < 5; i++) {
            assertThat(post("/orders", "{\"productId\": 304}").status()).isEqualTo(503);
        }
        assertThat(productService.calls()).isEqualTo(5);
        productService.available(304, 3500);

        Response refused = post("/orders", "{\"productId\": 304}");

        assertProblem(refused, 503, "The product service is failing, so orders are paused for a moment. "
                + "Nothing was ordered; please try again shortly.");
        // an open breaker stays open for wait-duration-in-open-state (5 s by default)
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(productService.calls()).isEqualTo(5);
    }

    @Test
    void anUnknownOrderIsNotFound() {
        assertProblem(get("/orders/999999"), 404, "Order 999999 does not exist.");
        assertProblem(get("/orders/abc"), 404, "Nothing exists with orderId 'abc'.");
        assertProblem(get("/orders/99999999999999999999"), 404,
                "Nothing exists with orderId '99999999999999999999'.");
    }

    private void assertProblem(Response response, int status, String detail) {
        assertThat(assertProblem(response, status).get("detail").asString()).isEqualTo(detail);
        assertThat(response.json().get("instance").asString()).startsWith("/orders");
    }

    private void assertNothingStoredOrPublished(long ordersBefore, long productId) {
        assertThat(storedOrders()).isEqualTo(ordersBefore);
        assertThat(publishedOrders()).noneMatch(order -> order.productId() == productId);
    }
}
