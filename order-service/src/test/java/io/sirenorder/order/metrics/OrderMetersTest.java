package io.sirenorder.order.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sirenorder.order.application.Refusal;
import io.sirenorder.order.domain.CheckedAgainst;
import io.sirenorder.order.domain.Order;
import io.sirenorder.order.domain.OrderStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrderMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final OrderMeters meters = new OrderMeters(registry);

    @Test
    void everyCounterIsThereFromTheStartAtZero() {
        assertThat(registry.get(OrderMeters.PLACED).counters()).hasSize(CheckedAgainst.values().length)
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
        assertThat(registry.get(OrderMeters.REFUSED).counters()).hasSize(Refusal.values().length)
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
    }

    @Test
    void aPlacedOrderCountsOnceUnderWhatItWasCheckedAgainst() {
        meters.placed(order(1, CheckedAgainst.Catalogue));
        meters.placed(order(2, CheckedAgainst.Catalogue));
        meters.placed(order(3, CheckedAgainst.Menu));

        assertThat(placed("catalogue").count()).isEqualTo(2);
        assertThat(placed("menu").count()).isEqualTo(1);
        assertThat(registry.get(OrderMeters.REFUSED).counters()).allSatisfy(c -> assertThat(c.count()).isZero());
    }

    @Test
    void aRefusalCountsUnderItsReasonAlone() {
        meters.refused(Refusal.CATALOGUE_UNAVAILABLE);
        meters.refused(Refusal.CATALOGUE_UNAVAILABLE);
        meters.refused(Refusal.INVALID);

        assertThat(refused("catalogue-unavailable").count()).isEqualTo(2);
        assertThat(refused("invalid").count()).isEqualTo(1);
        assertThat(refused("unknown-product").count()).isZero();
        assertThat(refused("product-not-orderable").count()).isZero();
        assertThat(registry.get(OrderMeters.PLACED).counters()).allSatisfy(c -> assertThat(c.count()).isZero());
    }

    private Counter placed(String checkedAgainst) {
        return registry.get(OrderMeters.PLACED).tag("checked.against", checkedAgainst).counter();
    }

    private Counter refused(String reason) {
        return registry.get(OrderMeters.REFUSED).tag("reason", reason).counter();
    }

    private static Order order(long id, CheckedAgainst checkedAgainst) {
        return new Order(id, 7, 1, 3500, "ada", OrderStatus.Ordered, Instant.EPOCH, checkedAgainst, 1,
                Instant.EPOCH);
    }
}
