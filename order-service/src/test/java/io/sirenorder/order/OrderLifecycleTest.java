package io.sirenorder.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.sirenorder.events.OrderStatus;
import io.sirenorder.events.OrderStatusChanged;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code PATCH /orders/{id}}: an order's life after it is placed, each move stored with its time and published in
 * the same transaction; and {@code GET /orders?status=...}, the barista's queue.
 */
class OrderLifecycleTest extends OrderServiceTestBase {

    @BeforeEach
    void productOnSale() {
        productService.available(1, 3500);
    }

    @Test
    void aClerkMovesAnOrderFromOrderedToPickedUpAndEachMoveIsStoredAndPublishedInOrder() {
        long id = place("ada");

        for (String status : List.of("Preparing", "Ready", "PickedUp")) {
            Response moved = move(id, status, ISSUER.clerk());
            assertThat(moved.status()).isEqualTo(200);
            assertThat(moved.json().get("status").asString()).isEqualTo(status);
        }

        JsonNode order = get("/orders/" + id).json();
        assertThat(order.get("status").asString()).isEqualTo("PickedUp");
        assertThat(order.get("version").asLong()).isEqualTo(4);
        List<OrderStatusChanged> moves = movesOf(id);
        assertThat(moves).extracting(OrderStatusChanged::from, OrderStatusChanged::to, OrderStatusChanged::version)
                .containsExactly(
                        tuple(OrderStatus.Ordered, OrderStatus.Preparing, 2L),
                        tuple(OrderStatus.Preparing, OrderStatus.Ready, 3L),
                        tuple(OrderStatus.Ready, OrderStatus.PickedUp, 4L));
        assertThat(moves).allSatisfy(move -> assertThat(move.customerId()).isEqualTo("ada"));
        assertThat(moves.getLast().at()).isEqualTo(Instant.parse(order.get("statusChangedAt").asString()));
        assertThat(jdbc.sql("""
                        SELECT from_status || '>' || to_status || ' by ' || moved_by FROM order_move
                        WHERE order_id = ? ORDER BY version""").param(id).query(String.class).list())
                .containsExactly("Ordered>Preparing by clerk", "Preparing>Ready by clerk", "Ready>PickedUp by clerk");
    }

    @Test
    void aPlacedOrderIsOrderedAtVersionOne() {
        JsonNode placed = post("/orders", "{\"productId\": 1}").json();

        assertThat(placed.get("status").asString()).isEqualTo("Ordered");
        assertThat(placed.get("version").asLong()).isEqualTo(1);
        assertThat(placed.get("statusChangedAt")).isEqualTo(placed.get("orderedAt"));
    }

    @Test
    void aMoveTheStatusDoesNotAllowIsAConflictNamingWhereTheOrderIsAndMayGoAndChangesNothing() {
        long id = place("ada");

        JsonNode problem = assertProblem(move(id, "Ready", ISSUER.clerk()), 409);

        assertThat(problem.get("detail").asString()).isEqualTo("Order " + id
                + " is Ordered, so it cannot move to Ready: it can move to Preparing or Cancelled.");
        assertThat(problem.get("currentStatus").asString()).isEqualTo("Ordered");
        assertThat(problem.get("version").asLong()).isEqualTo(1);
        assertThat(problem.get("allowed").valueStream().map(JsonNode::asString)).containsExactly("Preparing",
                "Cancelled");
        assertUnmoved(id);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"status": "Eaten"}     | must be one of Ordered, Preparing, Ready, PickedUp, Cancelled
            {"status": "preparing"} | must be one of Ordered, Preparing, Ready, PickedUp, Cancelled
            {"status": ""}          | must be one of Ordered, Preparing, Ready, PickedUp, Cancelled
            {}                      | is required
            {"status": null}        | is required""")
    void anUnknownOrMissingStatusIsABadRequestNamingTheField(String body, String message) {
        long id = place("ada");

        JsonNode problem = assertProblem(patch(id, body, ISSUER.clerk()), 400);

        assertThat(problem.get("detail").asString()).isEqualTo("The move is invalid: status " + message + ".");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("status");
        assertUnmoved(id);
    }

    @Test
    void aBodyThatIsNotAMoveIsRefusedAndChangesNothing() {
        long id = place("ada");

        assertProblem(patch(id, "{\"status\": \"Preparing\", \"by\": \"me\"}", ISSUER.clerk()), 400);
        assertProblem(send(HttpRequest.newBuilder(uri("/orders/" + id)).header("Content-Type", "text/plain")
                .header("Authorization", "Bearer " + ISSUER.clerk())
                .method("PATCH", HttpRequest.BodyPublishers.ofString("Preparing"))), 415);
        assertProblem(move(999_999_999, "Preparing", ISSUER.clerk()), 404);
        assertUnmoved(id);
    }

    @Test
    void aCustomerCancelsTheirOwnOrderWhileItIsOrderedAndNothingElse() {
        long own = place("hal");
        long someoneElses = place("ivy");

        assertThat(move(own, "Cancelled", ISSUER.customer("hal")).json().get("status").asString())
                .isEqualTo("Cancelled");
        assertProblem(move(someoneElses, "Cancelled", ISSUER.customer("hal")), 404);
        JsonNode forbidden = assertProblem(move(someoneElses, "Preparing", ISSUER.customer("ivy")), 403);
        assertThat(forbidden.get("detail").asString()).startsWith("Only a clerk may move an order to Preparing");
        assertUnmoved(someoneElses);

        assertThat(move(someoneElses, "Preparing", ISSUER.clerk()).status()).isEqualTo(200);
        JsonNode tooLate = assertProblem(move(someoneElses, "Cancelled", ISSUER.customer("ivy")), 409);
        assertThat(tooLate.get("detail").asString()).endsWith("only the shop can move it now.");
        assertThat(move(someoneElses, "Cancelled", ISSUER.clerk()).json().get("status").asString())
                .isEqualTo("Cancelled");
        assertThat(movesOf(someoneElses)).extracting(OrderStatusChanged::to)
                .containsExactly(OrderStatus.Preparing, OrderStatus.Cancelled);
    }

    @Test
    void theQueueListsTheOpenOrdersOldestFirstForAClerkAndACustomersOwnForThem() {
        String customer = "queue-" + System.nanoTime();
        long ordered = place(customer);
        long preparing = place(customer);
        long ready = place(customer);
        long pickedUp = place(customer);
        long cancelled = place(customer);
        move(preparing, "Preparing", ISSUER.clerk());
        move(ready, "Preparing", ISSUER.clerk());
        move(ready, "Ready", ISSUER.clerk());
        move(pickedUp, "Preparing", ISSUER.clerk());
        move(pickedUp, "Ready", ISSUER.clerk());
        move(pickedUp, "PickedUp", ISSUER.clerk());
        move(cancelled, "Cancelled", ISSUER.customer(customer));

        JsonNode own = get("/orders?status=Ordered,Preparing,Ready", ISSUER.customer(customer)).json();
        assertThat(ids(own)).containsExactly(ordered, preparing, ready);
        assertThat(own.get("page").get("totalElements").asLong()).isEqualTo(3);
        assertThat(ids(get("/orders?status=Ready&status=PickedUp", ISSUER.customer(customer)).json()))
                .containsExactly(ready, pickedUp);

        List<Long> queue = clerksQueue();
        assertThat(queue).isSorted().contains(ordered, preparing, ready).doesNotContain(pickedUp, cancelled);
    }

    @Test
    void anUnknownStatusInTheQueryIsABadRequest() {
        JsonNode problem = assertProblem(get("/orders?status=Ordered,Eaten"), 400);

        assertThat(problem.get("detail").asString()).isEqualTo(
                "The request is invalid: status must be one of Ordered, Preparing, Ready, PickedUp, Cancelled.");
    }

    private long place(String customer) {
        Response placed = post("/orders", "application/json", "{\"productId\": 1}", ISSUER.customer(customer));
        assertThat(placed.status()).isEqualTo(201);
        return placed.json().get("id").asLong();
    }

    private Response move(long orderId, String status, String accessToken) {
        return patch(orderId, "{\"status\": \"" + status + "\"}", accessToken);
    }

    private Response patch(long orderId, String body, String accessToken) {
        return send(HttpRequest.newBuilder(uri("/orders/" + orderId)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + accessToken)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    private List<OrderStatusChanged> movesOf(long orderId) {
        return published(OrderStatusChanged.class).stream().filter(move -> move.orderId() == orderId).toList();
    }

    private void assertUnmoved(long orderId) {
        JsonNode order = get("/orders/" + orderId).json();
        assertThat(order.get("status").asString()).isEqualTo("Ordered");
        assertThat(order.get("version").asLong()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM order_move WHERE order_id = ?").param(orderId).query(Long.class)
                .single()).isZero();
        assertThat(movesOf(orderId)).isEmpty();
    }

    /** Every open order, page by page, as a clerk's queue board reads it. */
    private List<Long> clerksQueue() {
        List<Long> queue = new ArrayList<>();
        JsonNode page;
        int number = 0;
        do {
            page = get("/orders?status=Ordered,Preparing,Ready&size=100&page=" + number++).json();
            queue.addAll(ids(page));
        } while (number < page.get("page").get("totalPages").asLong());
        return queue;
    }

    private static List<Long> ids(JsonNode page) {
        return StreamSupport.stream(page.get("content").spliterator(), false)
                .map(order -> order.get("id").asLong()).toList();
    }
}
