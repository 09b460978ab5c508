package io.sirenorder.report;

import static io.sirenorder.report.ReportClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sirenorder.events.EventType;
import io.sirenorder.events.OrderPlaced;
import io.sirenorder.events.ProductRegistered;
import io.sirenorder.events.ProductState;
import io.sirenorder.events.ProductStatus;
import io.sirenorder.events.ProductUpdated;
import io.sirenorder.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Events written to the topics as the outboxes write them, and the reports read back over HTTP. */
@ReportServiceTest
class ReportFromEventsTest {

    private static final Instant OPENING = Instant.parse("2026-11-25T07:00:00Z");
    private static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");

    @Autowired
    EventLog events;
    @Autowired
    ReportClient client;

    @Test
    void ordersAndProductChangesAddUpWhicheverArrivesFirst() throws Exception {
        events.publish(new OrderPlaced(1001, 101, 1, 3000, "alice", OPENING));
        awaitReport(101, """
                {"productId":101,"name":"Product #101","price":null,"status":null,"statusChangedAt":null,
                 "ordersPlaced":1,"itemsSold":1,"revenue":3000,"version":null,"ordersCancelled":0}""");

        events.publish(
                new ProductRegistered(product(101, 1, "Americano", 3000, ProductStatus.Available, OPENING)),
                new ProductUpdated(product(101, 2, "Americano", 3500, ProductStatus.Available, OPENING),
                        ProductStatus.Available),
                new OrderPlaced(1002, 101, 2, 3500, null, NOON));
        String expected = """
                {"productId":101,"name":"Americano","price":3500,"status":"Available",
                 "statusChangedAt":"2026-11-25T07:00:00Z","ordersPlaced":2,"itemsSold":3,"revenue":10000,
                 "version":2,"ordersCancelled":0}""";
        awaitReport(101, expected);

        JsonNode all = client.get("/reports").body();
        assertThat(all.findValues("productId")).extracting(JsonNode::asLong).isSorted();
        assertThat(all).contains(json(expected));
    }

    @Test
    void aRepeatedOrderOrProductStateAndAStaleOneChangeNothing() throws Exception {
        var registered = new ProductRegistered(product(201, 1, null, 4000, ProductStatus.Available, OPENING));
        var soldOut = new ProductUpdated(product(201, 2, null, 4000, ProductStatus.SoldOut, NOON),
                ProductStatus.Available);
        ProducerRecord<String, byte[]> order = EventLog.recordOf(new OrderPlaced(2001, 201, 2, 4000, null, OPENING));
        events.publish(registered, soldOut);
        events.write(order);
        String expected = """
                {"productId":201,"name":"Product #201","price":4000,"status":"SoldOut",
                 "statusChangedAt":"2026-11-25T12:00:00Z","ordersPlaced":1,"itemsSold":2,"revenue":8000,
                 "version":2,"ordersCancelled":0}""";
        awaitReport(201, expected);

        events.write(order);
        events.publish(registered, soldOut);
        // written after them on the same single-partition topics: once these show, the repeats have been applied
        events.publish(new ProductRegistered(product(202, 1, "Scone", 2800, ProductStatus.Available, OPENING)),
                new OrderPlaced(2002, 202, 1, 2800, null, NOON));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode scone = client.get("/reports/202").body();
            assertThat(scone.path("version").asLong()).isEqualTo(1);
            assertThat(scone.path("ordersPlaced").asLong()).isEqualTo(1);
        });

        assertThat(client.get("/reports/201").body()).isEqualTo(json(expected));
    }

    @Test
    void aPoisonRecordDoesNotHoldUpTheRecordsBehindIt() throws Exception {
        events.write(
                EventLog.record(Topics.PRODUCT_EVENTS, "301", EventType.PRODUCT_REGISTERED.ceType(),
                        "{\"product\":{\"productId\":301,".getBytes(StandardCharsets.UTF_8)),
                EventLog.record(Topics.ORDER_EVENTS, "3001", EventType.ORDER_PLACED.ceType(),
                        "not json at all".getBytes(StandardCharsets.UTF_8)));
        events.publish(
                new ProductRegistered(product(301, 1, "Croissant", 3200, ProductStatus.Available, OPENING)),
                new OrderPlaced(3002, 301, 1, 3200, null, NOON));

        awaitReport(301, """
                {"productId":301,"name":"Croissant","price":3200,"status":"Available",
                 "statusChangedAt":"2026-11-25T07:00:00Z","ordersPlaced":1,"itemsSold":1,"revenue":3200,
                 "version":1,"ordersCancelled":0}""");
    }

    private void awaitReport(long productId, String expected) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            ReportClient.Response response = client.get("/reports/" + productId);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(json(expected));
        });
    }

    private static ProductState product(long id, long version, String name, int price, ProductStatus status,
            Instant statusChangedAt) {
        return new ProductState(id, version, name, price, status, statusChangedAt);
    }
}
