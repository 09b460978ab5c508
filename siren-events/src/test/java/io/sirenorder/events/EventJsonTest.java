package io.sirenorder.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

class EventJsonTest {

    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    @Test
    void everyEventSurvivesTheRoundTrip() {
        var state = new ProductState(7, 3, "Latte", 4500, ProductStatus.SoldOut, NOW);
        var events = new Object[] {
                new ProductRegistered(state),
                new ProductUpdated(state, ProductStatus.Available),
                new OrderPlaced(11, 7, 2, 4500, null, NOW),
                new OrderPlaced(11, 7, 1, 4500, "ada", NOW, CheckedAgainst.Menu),
                new OrderStatusChanged(11, "ada", OrderStatus.Ordered, OrderStatus.Preparing, NOW, 2),
                new OrderStatusChanged(11, null, OrderStatus.Preparing, OrderStatus.Cancelled, NOW, 3)
        };
        for (Object event : events) {
            EventType type = EventType.of(event);
            assertThat(EventType.fromCeType(type.ceType())).contains(type);
            assertThat(EventType.aggregateId(event)).isEqualTo(event instanceof OrderEvent ? "11" : "7");
            assertThat(EventJson.read(type, EventJson.write(event))).isEqualTo(event);
        }
    }

    @Test
    void aPayloadMissingARequiredFieldIsRejected() {
        byte[] noProductId = """
                {"product":{"version":1,"price":100,"status":"Available","statusChangedAt":"2026-11-25T09:00:00Z"}}
                """.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> EventJson.read(EventType.PRODUCT_REGISTERED, noProductId))
                .isInstanceOf(JacksonException.class)
                .hasMessageContaining("productId");
    }

    @Test
    void howAnOrderWasCheckedIsWrittenAndReadBack() {
        var degraded = new OrderPlaced(12, 7, 1, 4500, null, NOW, CheckedAgainst.Menu);

        String json = new String(EventJson.write(degraded), StandardCharsets.UTF_8);

        assertThat(json).contains("\"checkedAgainst\":\"Menu\"");
        assertThat(EventJson.read(EventType.ORDER_PLACED, json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(degraded);
        assertThat(new String(EventJson.write(new OrderPlaced(13, 7, 1, 4500, null, NOW)), StandardCharsets.UTF_8))
                .contains("\"checkedAgainst\":\"Catalogue\"");
    }

    @Test
    void anOrderPlacedWrittenBeforeCheckedAgainstExistedReadsAsCheckedAgainstTheCatalogue() {
        byte[] old = """
                {"orderId":1,"productId":2,"quantity":1,"unitPrice":300,"orderedAt":"2026-11-25T09:00:00Z"}
                """.getBytes(StandardCharsets.UTF_8);
        byte[] explicitNull = """
                {"orderId":1,"productId":2,"quantity":1,"unitPrice":300,"orderedAt":"2026-11-25T09:00:00Z",
                 "checkedAgainst":null}
                """.getBytes(StandardCharsets.UTF_8);

        for (byte[] payload : new byte[][] {old, explicitNull}) {
            var read = (OrderPlaced) EventJson.read(EventType.ORDER_PLACED, payload);
            assertThat(read.checkedAgainst()).isEqualTo(CheckedAgainst.Catalogue);
            assertThat(read).isEqualTo(new OrderPlaced(1, 2, 1, 300, null, NOW, CheckedAgainst.Catalogue));
        }
    }

    @Test
    void fieldsFromANewerProducerAreIgnored() {
        byte[] withExtra = """
                {"orderId":1,"productId":2,"quantity":1,"unitPrice":300,"orderedAt":"2026-11-25T09:00:00Z","tip":5}
                """.getBytes(StandardCharsets.UTF_8);
        assertThat(EventJson.read(EventType.ORDER_PLACED, withExtra))
                .isEqualTo(new OrderPlaced(1, 2, 1, 300, null, NOW));
    }

    @Test
    void statusChangeIsToldApartFromOtherChanges() {
        var soldOut = new ProductState(1, 2, null, 100, ProductStatus.SoldOut, NOW);
        assertThat(new ProductUpdated(soldOut, ProductStatus.Available).statusChanged()).isTrue();
        assertThat(new ProductUpdated(soldOut, ProductStatus.SoldOut).statusChanged()).isFalse();
    }

    @Test
    void aStatusChangeIsWrittenInThePublishedTermsAndReadBack() {
        var ready = new OrderStatusChanged(5, "bea", OrderStatus.Preparing, OrderStatus.Ready, NOW, 3);

        String json = new String(EventJson.write(ready), StandardCharsets.UTF_8);

        assertThat(json).contains("\"orderId\":5", "\"customerId\":\"bea\"", "\"from\":\"Preparing\"",
                "\"to\":\"Ready\"", "\"at\":\"2026-11-25T09:00:00Z\"", "\"version\":3");
        assertThat(EventType.of(ready).ceType()).isEqualTo("io.sirenorder.order.status-changed");
        assertThat(EventType.of(ready).topic()).isEqualTo(Topics.ORDER_EVENTS);
    }

    @Test
    void aStatusChangeWithoutItsMoveOrWithTheVersionOfAPlacedOrderIsRejected() {
        byte[] noTo = """
                {"orderId":5,"from":"Ordered","at":"2026-11-25T09:00:00Z","version":2}
                """.getBytes(StandardCharsets.UTF_8);
        byte[] placedVersion = """
                {"orderId":5,"from":"Ordered","to":"Preparing","at":"2026-11-25T09:00:00Z","version":1}
                """.getBytes(StandardCharsets.UTF_8);
        byte[] unknownStatus = """
                {"orderId":5,"from":"Ordered","to":"Eaten","at":"2026-11-25T09:00:00Z","version":2}
                """.getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EventJson.read(EventType.ORDER_STATUS_CHANGED, noTo))
                .isInstanceOf(JacksonException.class).hasMessageContaining("to");
        assertThatThrownBy(() -> EventJson.read(EventType.ORDER_STATUS_CHANGED, placedVersion))
                .isInstanceOf(JacksonException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> EventJson.read(EventType.ORDER_STATUS_CHANGED, unknownStatus))
                .isInstanceOf(JacksonException.class).hasMessageContaining("Eaten");
    }
}
