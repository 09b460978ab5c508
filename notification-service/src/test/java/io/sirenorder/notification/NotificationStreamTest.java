package io.sirenorder.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sirenorder.events.CheckedAgainst;
import io.sirenorder.events.EventType;
import io.sirenorder.events.OrderPlaced;
import io.sirenorder.events.ProductRegistered;
import io.sirenorder.events.ProductState;
import io.sirenorder.events.ProductStatus;
import io.sirenorder.events.ProductUpdated;
import io.sirenorder.events.Topics;
import io.sirenorder.notification.EventStream.Event;
import io.sirenorder.notification.application.NotificationHub;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Events published to the topics as the outboxes publish them, and the streams read over HTTP as a browser would. */
@NotificationServiceTest
class NotificationStreamTest {

    private static final Instant OPENING = Instant.parse("2026-11-25T07:00:00Z");
    private static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Outboxes outboxes;
    @Autowired
    Streams streams;
    @Autowired
    NotificationHub hub;

    @Test
    void aSubscriberHearsOfAProductChange() throws Exception {
        try (var stream = streams.open("")) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/event-stream"));

            outboxes.publish(new ProductRegistered(product(101, 1, "Americano", 3000, ProductStatus.Available)),
                    new ProductUpdated(product(101, 2, "Americano", 3500, ProductStatus.Available),
                            ProductStatus.Available));

            Event registered = stream.next();
            assertThat(registered.name()).isEqualTo("product");
            assertThat(registered.id()).matches("p0-\\d+\\.o0-\\d+");
            assertThat(registered.json()).isEqualTo(json("""
                    {"productId":101,"name":"Americano","price":3000,"status":"Available","previousStatus":null,
                     "version":1,"statusChanged":true}"""));
            assertThat(stream.next().json()).as("a price change, for the live menu").isEqualTo(json("""
                    {"productId":101,"name":"Americano","price":3500,"status":"Available",
                     "previousStatus":"Available","version":2,"statusChanged":false}"""));
        }
    }

    @Test
    void aClientThatReconnectsWithItsLastEventIdGetsWhatItMissedInOrderAndNothingTwice() throws Exception {
        String lastEventId;
        try (var stream = streams.open("")) {
            outboxes.publish(new ProductRegistered(product(201, 1, "Latte", 4500, ProductStatus.Available)));
            lastEventId = stream.next().id();
        }
        outboxes.publish(new ProductUpdated(product(201, 2, "Latte", 4500, ProductStatus.SoldOut),
                        ProductStatus.Available),
                new ProductUpdated(product(201, 3, "Latte", 4500, ProductStatus.Available), ProductStatus.SoldOut));

        try (var stream = streams.open("", lastEventId)) {
            assertThat(versions(stream, 2)).containsExactly(2L, 3L);
            // a live change next: had anything been told twice, it would come first
            outboxes.publish(new ProductUpdated(product(201, 4, "Latte", 4800, ProductStatus.Available),
                    ProductStatus.Available));
            assertThat(stream.next().json().path("version").asLong()).isEqualTo(4);
        }
    }

    @Test
    void theLastEventIdMayComeAsAQueryParameter() throws Exception {
        String lastEventId;
        try (var stream = streams.open("")) {
            outboxes.publish(new ProductRegistered(product(251, 1, "Mocha", 5000, ProductStatus.Available)));
            lastEventId = stream.next().id();
        }
        outboxes.publish(new ProductUpdated(product(251, 2, "Mocha", 5000, ProductStatus.SoldOut),
                ProductStatus.Available));

        try (var stream = streams.open("?lastEventId=" + lastEventId)) {
            assertThat(versions(stream, 1)).containsExactly(2L);
        }
    }

    @Test
    void aClientFromBeforeTheHistoryIsToldToResetThenGetsAllItHolds() throws Exception {
        String lastEventId;
        try (var stream = streams.open("")) {
            outboxes.publish(new ProductRegistered(product(301, 1, "Scone", 2800, ProductStatus.Available)));
            lastEventId = stream.next().id();
            // one more change than the history holds (8 in the tests)
            for (long version = 2; version <= 10; version++) {
                outboxes.publish(new ProductUpdated(product(301, version, "Scone", 2800, ProductStatus.Available),
                        ProductStatus.Available));
            }
            assertThat(versions(stream, 9)).endsWith(10L);
        }

        try (var stream = streams.open("", lastEventId)) {
            assertThat(stream.next().name()).isEqualTo("reset");
            assertThat(versions(stream, 8)).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        }
    }

    @Test
    void aCustomerHearsOfTheirOwnOrdersOnly() throws Exception {
        try (var kim = streams.openFor("kim");
             var lee = streams.openFor("lee");
             var anyone = streams.open("")) {
            outboxes.publish(new OrderPlaced(4001, 401, 2, 3000, "kim", NOON),
                    new OrderPlaced(4002, 401, 1, 3000, "lee", NOON, CheckedAgainst.Menu),
                    new OrderPlaced(4003, 401, 1, 3000, null, NOON),
                    new OrderPlaced(4004, 401, 1, 3000, "kim", NOON),
                    new OrderPlaced(4005, 401, 1, 3000, "lee", NOON));

            Event kims = kim.next();
            assertThat(kims.name()).isEqualTo("order");
            assertThat(kims.json()).isEqualTo(json("""
                    {"orderId":4001,"productId":401,"quantity":2,"unitPrice":3000,"totalPrice":6000,
                     "customerId":"kim","orderedAt":"2026-11-25T12:00:00Z","checkedAgainst":"Catalogue",
                     "status":"Ordered","version":1}"""));
            assertThat(kim.next().json().path("orderId").asLong()).isEqualTo(4004);
            Event lees = lee.next();
            assertThat(lees.json().path("orderId").asLong()).isEqualTo(4002);
            assertThat(lees.json().path("checkedAgainst").asString()).isEqualTo("Menu");
            assertThat(lee.next().json().path("orderId").asLong()).isEqualTo(4005);

            // every order has reached the streams by now: one told to a stream without a customer would come first
            outboxes.publish(new ProductRegistered(product(401, 1, "Tea", 3000, ProductStatus.Available)));
            assertThat(anyone.next().json().path("productId").asLong()).isEqualTo(401);
        }
    }

    @Test
    void aClientThatCanSendHeadersSendsItsTokenInTheAuthorizationHeader() throws Exception {
        try (var stream = streams.openWithHeaderFor("moe")) {
            outboxes.publish(new OrderPlaced(4101, 401, 1, 3000, "noa", NOON),
                    new OrderPlaced(4102, 401, 1, 3000, "moe", NOON));

            assertThat(stream.next().json().path("orderId").asLong()).isEqualTo(4102);
        }
    }

    @Test
    void aRepeatedRecordAndAStaleVersionAreNotToldAgain() throws Exception {
        var registered = new ProductRegistered(product(501, 1, "Muffin", 3200, ProductStatus.Available));
        var soldOut = new ProductUpdated(product(501, 2, "Muffin", 3200, ProductStatus.SoldOut),
                ProductStatus.Available);
        var order = new OrderPlaced(5001, 501, 1, 3200, "park", OPENING);
        try (var stream = streams.openFor("park")) {
            outboxes.publish(registered, soldOut, order);
            // the two topics are consumed side by side: the order may come before, between or after the products
            List<Event> told = List.of(stream.next(), stream.next(), stream.next());
            assertThat(told).filteredOn(event -> event.name().equals("product"))
                    .extracting(event -> event.json().path("version").asLong()).containsExactly(1L, 2L);
            assertThat(told).filteredOn(event -> event.name().equals("order"))
                    .extracting(event -> event.json().path("orderId").asLong()).containsExactly(5001L);

            // published again, as an outbox may after a crash, and an older version late
            outboxes.publish(soldOut, order, registered);
            outboxes.publish(new ProductUpdated(product(501, 3, "Muffin", 3200, ProductStatus.Available),
                    ProductStatus.SoldOut));

            Event next = stream.next();
            assertThat(next.name()).isEqualTo("product");
            assertThat(next.json().path("version").asLong()).isEqualTo(3);
            // the next order, not the repeated one
            outboxes.publish(new OrderPlaced(5002, 501, 1, 3200, "park", NOON));
            assertThat(stream.next().json().path("orderId").asLong()).isEqualTo(5002);
        }
    }

    @Test
    void aRecordNoOneCanReadIsSkipped() throws Exception {
        try (var stream = streams.open("")) {
            outboxes.write(Topics.PRODUCT_EVENTS, "701", "io.sirenorder.product.exploded",
                    "{}".getBytes(StandardCharsets.UTF_8));
            outboxes.write(Topics.PRODUCT_EVENTS, "701", EventType.PRODUCT_REGISTERED.ceType(),
                    "{\"product\": {\"productId\": 701}}".getBytes(StandardCharsets.UTF_8));
            outboxes.publish(new ProductRegistered(product(701, 1, "Cookie", 1500, ProductStatus.Available)));

            assertThat(stream.next().json().path("productId").asLong()).isEqualTo(701);
        }
    }

    @Test
    void anIdleStreamGetsHeartbeats() {
        try (var stream = streams.open("")) {
            assertThat(stream.nextComment().text()).isEqualTo("heartbeat");
            assertThat(stream.nextComment().text()).isEqualTo("heartbeat");
        }
    }

    @Test
    void anIdThatIsNotOursCountsAsNone() throws Exception {
        try (var stream = streams.open("", "garbage, not an id")) {
            assertThat(stream.status()).isEqualTo(200);
            outboxes.publish(new ProductRegistered(product(601, 1, "Bagel", 2500, ProductStatus.SoldOut)));

            assertThat(stream.next().json().path("productId").asLong()).isEqualTo(601);
        }
    }

    @Test
    void aClosedStreamIsForgotten() {
        // the other tests' streams, all closed, are forgotten too
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.subscriberCount() == 0);
        var stream = streams.open("");
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.subscriberCount() == 1);

        stream.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> hub.subscriberCount() == 0);
    }

    private static long[] versions(EventStream stream, int count) {
        long[] versions = new long[count];
        for (int i = 0; i < count; i++) {
            Event event = stream.next();
            assertThat(event.name()).isEqualTo("product");
            versions[i] = event.json().path("version").asLong();
        }
        return versions;
    }

    private static ProductState product(long id, long version, String name, int price, ProductStatus status) {
        return new ProductState(id, version, name, price, status, OPENING);
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
