package io.sirenorder.order;

import static io.sirenorder.problems.BadJson.notText;
import static io.sirenorder.problems.BadJson.notWholeNumbers;
import static io.sirenorder.problems.BadJson.quoted;
import static io.sirenorder.problems.BadJson.text;
import static io.sirenorder.problems.BadJson.wholeNumbersAbove;
import static io.sirenorder.problems.BadJson.wholeNumbersBelow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.sirenorder.problems.BadJson;
import io.sirenorder.order.domain.OrderStatus;
import io.sirenorder.problems.BadJson.Body;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * Bad input, systematically (issue 12): a customer's order whose body is bad in any of the ways {@link BadJson}
 * generates (wrong types, huge, fractional or negative numbers, deep nesting, unknown fields, unicode junk, empty,
 * blank, truncated or relaxed JSON, what is not an object, a content type that is not JSON) is refused with a 4xx
 * problem body before anything else happens: the product service is not asked, no order is stored, no
 * {@code OrderPlaced} is written to the outbox or published. A clerk's move whose body is bad in any of those ways is
 * refused alike, and the order stays where it was.
 * <p>
 * Every generated body is invalid by construction, a body this test has seen accepted broken in one way, rather than
 * any body at all judged afterwards by the rules ("a 201 only for a valid body, then exactly one order"): that judge
 * would be a second implementation of the rules and of Jackson's coercions ({@code "2"} is a quantity, a number is a
 * customerId, which is read and not believed), wrong exactly where the service is.
 * {@link #theBodiesTheBadOnesAreMadeFromAreAccepted()} keeps the construction honest: what is broken is accepted whole.
 * <p>
 * The same context as the other tests extending {@link OrderServiceTestBase}, so this adds no start-up. Only H2: no
 * text from the body is stored (the order's customer is the token's subject). A failure names its seed:
 * {@code -DQT_SEED=<seed>} replays it.
 */
class OrderBadInputProperties extends OrderServiceTestBase {

    /** Enough to meet every way of breaking a body many times over, in a second or two. */
    private static final int TRIES = 250;
    private static final int SHRINK_CYCLES = 200;
    private static final long PRODUCT = 1;

    /** {@code POST /orders}: an orderable product, perhaps a quantity and the customerId the seed's clients send. */
    static final BadJson.Endpoint PLACE_ORDER = new BadJson.Endpoint(BadJson.inAnyOrder(
            Generate.pick(List.of(String.valueOf(PRODUCT), quoted(String.valueOf(PRODUCT)))).zip(
                    Generate.oneOf(integers().between(1, 100).map(quantity -> String.valueOf(quantity)),
                            integers().between(1, 100).map(quantity -> quoted(String.valueOf(quantity))),
                            Generate.constant("null")).toOptionals(50),
                    Generate.oneOf(text(0, 6).map(customer -> quoted(customer)),
                            Generate.pick(List.of("null", "\"c-42\"", "42", "true"))).toOptionals(50),
                    (productId, quantity, customerId) -> {
                        Map<String, String> fields = new LinkedHashMap<>(Map.of("productId", productId));
                        quantity.ifPresent(value -> fields.put("quantity", value));
                        customerId.ifPresent(value -> fields.put("customerId", value));
                        return fields;
                    })),
            Map.of(
                    // required, positive, a long
                    "productId", Generate.oneOf(notWholeNumbers(), wholeNumbersBelow(1),
                            wholeNumbersAbove(Long.MAX_VALUE), Generate.pick(List.of("null", "\"\""))),
                    // 1 to 100 when given; empty text is not left out
                    "quantity", Generate.oneOf(notWholeNumbers(), wholeNumbersBelow(1), wholeNumbersAbove(100),
                            Generate.constant("\"\"")),
                    // read as text and not believed: only what cannot be text is refused
                    "customerId", notText()));

    /** {@code PATCH /orders/{id}}: a status the order could move to. */
    static final BadJson.Endpoint MOVE_ORDER = new BadJson.Endpoint(
            Generate.pick(List.of("Preparing", "Cancelled")).map(status -> Map.of("status", quoted(status))),
            Map.of("status", Generate.oneOf(notText(),
                    text(1, 6).map(name -> quoted(name)).assuming(name -> OrderStatus.named(name).isEmpty()),
                    Generate.pick(List.of("null", "\"\"", "\"preparing\"", "\" Ready\"", "\"Cancelled \"")))));

    @BeforeEach
    void productOneWouldBeOrderable() {
        productService.available(PRODUCT, 3500);
    }

    @Test
    void everyBadOrderIsRefusedAsAProblemAndNothingHappens() {
        int published = publishedOrders().size();

        qt().withExamples(TRIES).withShrinkCycles(SHRINK_CYCLES).forAll(BadJson.badBodies(PLACE_ORDER))
                .checkAssert(body -> {
                    long stored = storedOrders();
                    long outbox = outboxRows();
                    int asked = productService.calls();

                    Response answer = place(body);

                    BadJson.assertProblem(body.refusedWith(), answer.status(), answer.header("Content-Type"),
                            answer.body());
                    assertThat(storedOrders()).as("orders stored").isEqualTo(stored);
                    assertThat(outboxRows()).as("events in the outbox").isLessThanOrEqualTo(outbox);
                    assertThat(productService.calls()).as("checks with the product service").isEqualTo(asked);
                });

        assertThat(publishedOrders()).as("OrderPlaced events published").hasSize(published);
    }

    /** Without this, a generator that only ever made broken bases would pass the property above for nothing. */
    @Test
    void theBodiesTheBadOnesAreMadeFromAreAccepted() {
        qt().withExamples(20).withShrinkCycles(SHRINK_CYCLES).forAll(BadJson.validBodies(PLACE_ORDER))
                .checkAssert(json -> {
                    long stored = storedOrders();

                    Response answer = place(new Body("valid", "application/json",
                            json.getBytes(StandardCharsets.UTF_8), 0));

                    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
                    assertThat(storedOrders()).isEqualTo(stored + 1);
                });
    }

    @Test
    void everyBadMoveIsRefusedAsAProblemAndTheOrderStaysWhereItWas() {
        long order = placeOne();

        qt().withExamples(TRIES).withShrinkCycles(SHRINK_CYCLES).forAll(BadJson.badBodies(MOVE_ORDER))
                .checkAssert(body -> {
                    long outbox = outboxRows();

                    Response answer = move(order, body);

                    BadJson.assertProblem(body.refusedWith(), answer.status(), answer.header("Content-Type"),
                            answer.body());
                    assertThat(outboxRows()).as("events in the outbox").isLessThanOrEqualTo(outbox);
                });

        assertThat(jdbc.sql("SELECT status || ' ' || version FROM orders WHERE id = ?").param(order)
                .query(String.class).single()).isEqualTo("Ordered 1");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM order_move WHERE order_id = ?").param(order).query(Long.class)
                .single()).as("moves stored").isZero();
    }

    @Test
    void theMovesTheBadOnesAreMadeFromAreAccepted() {
        qt().withExamples(20).withShrinkCycles(SHRINK_CYCLES).forAll(BadJson.validBodies(MOVE_ORDER))
                .checkAssert(json -> {
                    Response answer = move(placeOne(), new Body("valid", "application/json",
                            json.getBytes(StandardCharsets.UTF_8), 0));

                    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                });
    }

    private long placeOne() {
        Response placed = post("/orders", "{\"productId\": " + PRODUCT + "}");
        assertThat(placed.status()).isEqualTo(201);
        return placed.json().get("id").asLong();
    }

    /** As a clerk, who may make either move: what is refused is refused for the body alone. */
    private Response move(long order, Body body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/orders/" + order))
                .header("Authorization", "Bearer " + ISSUER.clerk())
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        if (body.contentType() != null) {
            request.header("Content-Type", body.contentType());
        }
        return sendAlone(request);
    }

    private long outboxRows() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_event").query(Long.class).single();
    }

    /** As the customer {@link #CUSTOMER}, who may place orders: what is refused is refused for the body alone. */
    private Response place(Body body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/orders"))
                .header("Authorization", "Bearer " + ISSUER.customer(CUSTOMER))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        if (body.contentType() != null) {
            request.header("Content-Type", body.contentType());
        }
        return sendAlone(request);
    }
}
