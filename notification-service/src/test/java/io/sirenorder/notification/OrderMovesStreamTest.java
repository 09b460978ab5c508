package io.sirenorder.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.sirenorder.events.OrderPlaced;
import io.sirenorder.events.OrderStatus;
import io.sirenorder.events.OrderStatusChanged;
import io.sirenorder.events.ProductRegistered;
import io.sirenorder.events.ProductState;
import io.sirenorder.events.ProductStatus;
import io.sirenorder.notification.EventStream.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An order's life on the streams: placed, then each move, to its customer and to the clerks, as the order service's
 * outbox publishes them and a browser reads them.
 */
@NotificationServiceTest
class OrderMovesStreamTest {

    private static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Outboxes outboxes;
    @Autowired
    Streams streams;

    @Test
    void aCustomerHearsOfEachMoveOfTheirOwnOrderInOrderAndNoOneElseDoes() throws Exception {
        try (var kim = streams.openFor("kim-moves");
             var lee = streams.openFor("lee-moves");
             var anyone = streams.open("")) {
            outboxes.publish(placed(8001, "kim-moves"),
                    moved(8001, "kim-moves", OrderStatus.Ordered, OrderStatus.Preparing, 2),
                    moved(8001, "kim-moves", OrderStatus.Preparing, OrderStatus.Ready, 3),
                    moved(8001, "kim-moves", OrderStatus.Ready, OrderStatus.PickedUp, 4));

            Event placed = kim.next();
            assertThat(placed.name()).isEqualTo("order");
            assertThat(placed.json()).isEqualTo(json("""
                    {"orderId":8001,"productId":801,"quantity":1,"unitPrice":4500,"totalPrice":4500,
                     "customerId":"kim-moves","orderedAt":"2026-11-25T12:00:00Z","checkedAgainst":"Catalogue",
                     "status":"Ordered","version":1}"""));
            Event preparing = kim.next();
            assertThat(preparing.name()).isEqualTo("order");
            assertThat(preparing.id()).isNotEqualTo(placed.id());
            assertThat(preparing.json()).isEqualTo(json("""
                    {"orderId":8001,"customerId":"kim-moves","previousStatus":"Ordered","status":"Preparing",
                     "changedAt":"2026-11-25T12:01:00Z","version":2}"""));
            assertThat(List.of(statusOf(kim.next()), statusOf(kim.next())))
                    .containsExactly("8001:Ready@3", "8001:PickedUp@4");

            // had any of kim's reached lee, it would come before lee's own
            outboxes.publish(placed(8002, "lee-moves"));
            assertThat(statusOf(lee.next())).isEqualTo("8002:Ordered@1");
            // every order has reached the streams by now: one told to a stream without a customer would come first
            outboxes.publish(new ProductRegistered(new ProductState(801, 1, "Hojicha", 4500, ProductStatus.Available,
                    NOON)));
            Event menu = anyone.next();
            assertThat(menu.name()).isEqualTo("product");
            assertThat(menu.json().path("productId").asLong()).isEqualTo(801);
        }
    }

    @Test
    void aClerkHearsOfEveryCustomersOrdersAndTheirMovesAndOfTheMenu() throws Exception {
        try (var clerk = streams.openForClerk()) {
            outboxes.publish(placed(8101, "ann"), placed(8102, "bo"), placed(8103, null),
                    moved(8101, "ann", OrderStatus.Ordered, OrderStatus.Preparing, 2),
                    // the customer cancels before it is made; the clerk cancels one being made
                    moved(8102, "bo", OrderStatus.Ordered, OrderStatus.Cancelled, 2),
                    moved(8101, "ann", OrderStatus.Preparing, OrderStatus.Cancelled, 3));

            assertThat(statusesOf(clerk, Set.of(8101L, 8102L, 8103L), 6)).containsExactly("8101:Ordered@1",
                    "8102:Ordered@1", "8103:Ordered@1", "8101:Preparing@2", "8102:Cancelled@2", "8101:Cancelled@3");

            outboxes.publish(new ProductRegistered(new ProductState(811, 1, "Yuzu tea", 4000, ProductStatus.SoldOut,
                    NOON)));
            Event menu = clerk.next();
            assertThat(menu.name()).isEqualTo("product");
            assertThat(menu.json().path("productId").asLong()).isEqualTo(811);
        }
    }

    @Test
    void aClientThatReconnectsGetsTheMovesItMissedForItsAudienceThenLiveOnes() throws Exception {
        String lastEventId;
        try (var cy = streams.openFor("cy")) {
            outboxes.publish(placed(8201, "cy"));
            lastEventId = cy.next().id();
        }
        outboxes.publish(moved(8201, "cy", OrderStatus.Ordered, OrderStatus.Preparing, 2),
                placed(8202, "dee"),
                moved(8202, "dee", OrderStatus.Ordered, OrderStatus.Cancelled, 2),
                moved(8201, "cy", OrderStatus.Preparing, OrderStatus.Ready, 3));

        try (var cy = streams.open(Streams.asCustomer("cy"), lastEventId)) {
            // not a reset, nor dee's, nor the placed order again: any of them would come first
            assertThat(List.of(statusOf(cy.next()), statusOf(cy.next())))
                    .containsExactly("8201:Preparing@2", "8201:Ready@3");
            outboxes.publish(moved(8201, "cy", OrderStatus.Ready, OrderStatus.PickedUp, 4));
            assertThat(statusOf(cy.next())).as("live, after nothing more replayed").isEqualTo("8201:PickedUp@4");
        }
        try (var clerk = streams.open(Streams.asClerk(), lastEventId)) {
            assertThat(List.of(statusOf(clerk.next()), statusOf(clerk.next()), statusOf(clerk.next()),
                    statusOf(clerk.next()), statusOf(clerk.next()))).containsExactly("8201:Preparing@2",
                    "8202:Ordered@1", "8202:Cancelled@2", "8201:Ready@3", "8201:PickedUp@4");
        }
    }

    @Test
    void aMovePublishedTwiceIsToldOnce() throws Exception {
        var preparing = moved(8301, "eve", OrderStatus.Ordered, OrderStatus.Preparing, 2);
        try (var eve = streams.openFor("eve")) {
            // as an outbox may publish again after a crash, before it marked the move sent
            outboxes.publish(placed(8301, "eve"), preparing, preparing,
                    moved(8301, "eve", OrderStatus.Preparing, OrderStatus.Ready, 3));

            assertThat(List.of(statusOf(eve.next()), statusOf(eve.next()), statusOf(eve.next())))
                    .containsExactly("8301:Ordered@1", "8301:Preparing@2", "8301:Ready@3");
        }
    }

    /** The next {@code count} order events on {@code stream} of the orders {@code ids}, passing over any other. */
    private static List<String> statusesOf(EventStream stream, Set<Long> ids, int count) {
        List<String> told = new ArrayList<>();
        while (told.size() < count) {
            Event event = stream.next();
            if (event.name().equals("order") && ids.contains(event.json().path("orderId").asLong())) {
                told.add(statusOf(event));
            }
        }
        return told;
    }

    /** An order event as {@code orderId:status@version}. */
    private static String statusOf(Event event) {
        assertThat(event.name()).isEqualTo("order");
        JsonNode order = event.json();
        return order.path("orderId").asLong() + ":" + order.path("status").asString() + "@"
                + order.path("version").asLong();
    }

    private static OrderPlaced placed(long orderId, String customerId) {
        return new OrderPlaced(orderId, 801, 1, 4500, customerId, NOON);
    }

    private static OrderStatusChanged moved(long orderId, String customerId, OrderStatus from, OrderStatus to,
            long version) {
        return new OrderStatusChanged(orderId, customerId, from, to, NOON.plusSeconds(60 * (version - 1)), version);
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
