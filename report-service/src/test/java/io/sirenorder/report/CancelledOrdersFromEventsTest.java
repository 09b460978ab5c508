package io.sirenorder.report;

import static io.sirenorder.report.ReportClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sirenorder.events.OrderPlaced;
import io.sirenorder.events.OrderStatus;
import io.sirenorder.events.OrderStatusChanged;
import io.sirenorder.events.ProductRegistered;
import io.sirenorder.events.ProductState;
import io.sirenorder.events.ProductStatus;
import io.sirenorder.events.Topics;
import io.sirenorder.messaging.consumer.EventConsumerAutoConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Orders' moves written to the order topic as order's outbox writes them, among their placements, and the reports
 * read back over HTTP: only a cancellation changes a report, once, whether it arrives after its order, before it, or
 * more than once.
 */
@ReportServiceTest
class CancelledOrdersFromEventsTest {

    private static final Instant OPENING = Instant.parse("2026-11-25T07:00:00Z");
    private static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");

    @Autowired
    EventLog events;
    @Autowired
    ReportClient client;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    @Test
    void aCancelledOrderIsTakenOutOfTheSalesAndCountedAsCancelled() throws Exception {
        events.publish(new ProductRegistered(new ProductState(501, 1, "Mocha", 4000, ProductStatus.Available,
                        OPENING)),
                new OrderPlaced(5001, 501, 2, 4000, "bea", OPENING),
                new OrderPlaced(5002, 501, 1, 4000, "cy", OPENING),
                cancellation(5001, OrderStatus.Ordered, 2));

        awaitReport(501, """
                {"productId":501,"name":"Mocha","price":4000,"status":"Available",
                 "statusChangedAt":"2026-11-25T07:00:00Z","ordersPlaced":1,"itemsSold":1,"revenue":4000,
                 "version":1,"ordersCancelled":1}""");
    }

    @Test
    void aCancellationDeliveredAgainChangesNothing() throws Exception {
        ProducerRecord<String, byte[]> cancelled = EventLog.recordOf(cancellation(5101, OrderStatus.Preparing, 3));
        events.publish(new OrderPlaced(5101, 511, 2, 4000, "bea", OPENING),
                new OrderPlaced(5102, 511, 1, 4000, "cy", OPENING),
                move(5101, OrderStatus.Ordered, OrderStatus.Preparing, 2));
        events.write(cancelled);
        awaitTotals(511, 1, 1, 4000, 1);

        // the very record again, as after a consumer's crash, and the event again as a record of its own
        events.write(cancelled);
        events.publish(cancellation(5101, OrderStatus.Preparing, 3));
        awaitEverythingBeforeApplied(512);

        assertTotals(511, 1, 1, 4000, 1);
    }

    @Test
    void aCancellationBeforeItsOrderAndTheOrderDeliveredAgainGiveTheTotalsOfTheEventsInOrder() throws Exception {
        OrderPlaced placed = new OrderPlaced(5201, 521, 2, 4000, "bea", OPENING);
        events.publish(cancellation(5201, OrderStatus.Ordered, 2),
                new OrderPlaced(5202, 521, 1, 4000, "cy", OPENING));
        awaitTotals(521, 1, 1, 4000, 0);

        events.publish(placed);
        awaitTotals(521, 1, 1, 4000, 1);

        events.publish(placed, cancellation(5201, OrderStatus.Ordered, 2), placed);
        awaitEverythingBeforeApplied(522);

        assertTotals(521, 1, 1, 4000, 1);
    }

    @Test
    void theKitchensMovesChangeNothing() throws Exception {
        events.publish(new OrderPlaced(5301, 531, 2, 4000, "bea", OPENING),
                move(5301, OrderStatus.Ordered, OrderStatus.Preparing, 2),
                move(5301, OrderStatus.Preparing, OrderStatus.Ready, 3),
                move(5301, OrderStatus.Ready, OrderStatus.PickedUp, 4),
                // moves of an order not counted yet: nothing is remembered of them either
                move(5302, OrderStatus.Ordered, OrderStatus.Preparing, 2),
                move(5302, OrderStatus.Preparing, OrderStatus.Ready, 3));
        awaitEverythingBeforeApplied(532);
        assertTotals(531, 1, 2, 8000, 0);

        events.publish(new OrderPlaced(5302, 531, 1, 4000, "cy", OPENING));
        awaitTotals(531, 2, 3, 12000, 0);
    }

    /**
     * An order counted before the report kept what each order sold (a row as the first migration stored it) cannot
     * have its sale taken back: its cancellation is dead-lettered, and the report is left as it was.
     */
    @Test
    void theCancellationOfAnOrderCountedWithoutItsSaleIsDeadLetteredAndChangesNothing() throws Exception {
        events.publish(new OrderPlaced(5402, 541, 1, 4000, "cy", OPENING));
        awaitTotals(541, 1, 1, 4000, 0);
        jdbc.sql("INSERT INTO counted_order (order_id) VALUES (5401)").update();
        double deadLetteredBefore = deadLetteredIllegalStates();

        events.publish(cancellation(5401, OrderStatus.Ordered, 2));

        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetteredIllegalStates() == deadLetteredBefore + 1);
        awaitEverythingBeforeApplied(542);
        assertTotals(541, 1, 1, 4000, 0);
    }

    private static OrderStatusChanged cancellation(long orderId, OrderStatus from, long version) {
        return move(orderId, from, OrderStatus.Cancelled, version);
    }

    private static OrderStatusChanged move(long orderId, OrderStatus from, OrderStatus to, long version) {
        return new OrderStatusChanged(orderId, "bea", from, to, NOON, version);
    }

    /**
     * Publishes an order of a product of its own and waits for it to be counted: the order topic has one partition,
     * so everything written to it before has been applied by then.
     */
    private void awaitEverythingBeforeApplied(long markerProductId) throws Exception {
        events.publish(new OrderPlaced(markerProductId * 10, markerProductId, 1, 1000, null, NOON));
        awaitTotals(markerProductId, 1, 1, 1000, 0);
    }

    private void awaitTotals(long productId, long ordersPlaced, long itemsSold, long revenue, long ordersCancelled) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertTotals(productId, ordersPlaced, itemsSold, revenue, ordersCancelled));
    }

    private void assertTotals(long productId, long ordersPlaced, long itemsSold, long revenue, long ordersCancelled)
            throws Exception {
        ReportClient.Response response = client.get("/reports/" + productId);
        assertThat(response.status()).isEqualTo(200);
        assertThat(Stream.of("ordersPlaced", "itemsSold", "revenue", "ordersCancelled")
                .map(total -> response.body().get(total).asLong()))
                .as("ordersPlaced, itemsSold, revenue, ordersCancelled of product %d", productId)
                .containsExactly(ordersPlaced, itemsSold, revenue, ordersCancelled);
    }

    private void awaitReport(long productId, String expected) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(client.get("/reports/" + productId).body()).isEqualTo(json(expected)));
    }

    private double deadLetteredIllegalStates() {
        return Optional.ofNullable(meters.find(EventConsumerAutoConfiguration.DEAD_LETTERED_METRIC)
                        .tags("topic", Topics.ORDER_EVENTS, "exception", "IllegalStateException").counter())
                .map(Counter::count).orElse(0.0);
    }
}
