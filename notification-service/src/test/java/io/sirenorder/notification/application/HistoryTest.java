package io.sirenorder.notification.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.sirenorder.notification.domain.CheckedAgainst;
import io.sirenorder.notification.domain.OrderMoved;
import io.sirenorder.notification.domain.OrderOutcome;
import io.sirenorder.notification.domain.OrderStatus;
import io.sirenorder.notification.domain.ProductChanged;
import io.sirenorder.notification.domain.ProductStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {

    static final Partition P0 = new Partition(Feed.PRODUCTS, 0);
    static final Partition P1 = new Partition(Feed.PRODUCTS, 1);
    static final Partition O0 = new Partition(Feed.ORDERS, 0);

    final History history = new History(3);

    @Test
    void eachNoticeIsIdentifiedByThePositionJustPastIt() {
        history.startsAt(P0, 10);
        history.startsAt(O0, 4);

        assertThat(history.append(P0, 10, product(1, 1)).orElseThrow().id()).hasToString("p0-11.o0-4");
        assertThat(history.append(O0, 4, order(7)).orElseThrow().id()).hasToString("p0-11.o0-5");
    }

    @Test
    void aRecordSeenBeforeAVersionAlreadyToldAndARepeatedOrderAreNoNews() {
        history.append(P0, 0, product(1, 2));
        history.append(O0, 0, order(7));

        assertThat(history.append(P0, 0, product(1, 2))).as("the same record again").isEmpty();
        assertThat(history.append(P0, 1, product(1, 2))).as("the same version again").isEmpty();
        assertThat(history.append(P0, 2, product(1, 1))).as("an older version").isEmpty();
        assertThat(history.append(O0, 1, order(7))).as("the same order, published twice").isEmpty();
        assertThat(history.append(P0, 3, product(1, 3))).isPresent();
    }

    @Test
    void eachMoveOfAnOrderIsNewsButAMoveRepeatedWhileHeldIsNot() {
        history.append(O0, 0, order(7));

        assertThat(history.append(O0, 1, moved(7, 2, OrderStatus.Preparing))).isPresent();
        assertThat(history.append(O0, 2, moved(7, 2, OrderStatus.Preparing))).as("the same move, published twice")
                .isEmpty();
        assertThat(history.append(O0, 3, moved(7, 3, OrderStatus.Ready))).isPresent();
        assertThat(history.append(O0, 4, moved(8, 2, OrderStatus.Preparing))).as("another order's move").isPresent();
    }

    @Test
    void aMoveRepeatedOnceNoLongerHeldIsToldAgainUnderTheSameVersion() {
        Notice preparing = history.append(O0, 0, moved(7, 2, OrderStatus.Preparing)).orElseThrow();
        history.append(O0, 1, moved(7, 3, OrderStatus.Ready));
        history.append(O0, 2, order(8));
        history.append(O0, 3, order(9));

        // the history holds 3: Preparing is gone, and with it the memory of having told it; clients that have
        // version 3 ignore it (see OrderNotification)
        assertThat(history.append(O0, 4, moved(7, 2, OrderStatus.Preparing))).hasValueSatisfying(again ->
                assertThat(again.notification()).isEqualTo(preparing.notification()));
    }

    @Test
    void aMoveThatComesAfterALaterOneIsStillToldForClientsToIgnore() {
        history.append(O0, 0, moved(7, 3, OrderStatus.Ready));

        // no version per order is kept, only what is held: clients apply by version
        assertThat(history.append(O0, 1, moved(7, 2, OrderStatus.Preparing))).isPresent();
    }

    @Test
    void replaysWhatComesAfterTheClientsPositionInEachPartition() {
        history.startsAt(P0, 0);
        history.startsAt(P1, 0);
        Notice first = history.append(P0, 0, product(1, 1)).orElseThrow();
        Notice second = history.append(P1, 0, product(2, 1)).orElseThrow();
        Notice third = history.append(P0, 1, product(1, 2)).orElseThrow();

        assertThat(history.after(first.id())).isEqualTo(new Replay(false, List.of(second, third)));
        assertThat(history.after(third.id())).isEqualTo(new Replay(false, List.of()));
        // the same position reached in another order, as on an instance that consumed the partitions differently
        assertThat(history.after(Position.parse("p0-1.p1-1").orElseThrow()))
                .isEqualTo(new Replay(false, List.of(third)));
    }

    @Test
    void resetsAClientFromBeforeWhatItHolds() {
        history.startsAt(P0, 0);
        Notice first = history.append(P0, 0, product(1, 1)).orElseThrow();
        history.append(P0, 1, product(1, 2));
        history.append(P0, 2, product(1, 3));
        history.append(P0, 3, product(1, 4));

        assertThat(history.after(first.id()).reset()).as("the notice after it is still held").isFalse();
        Replay fromBefore = history.after(Position.NONE);
        assertThat(fromBefore.reset()).isTrue();
        assertThat(fromBefore.notices()).extracting(Notice::offset).containsExactly(1L, 2L, 3L);
    }

    @Test
    void resetsAClientFromBeforeThisInstanceBegan() {
        history.startsAt(P0, 50);

        assertThat(history.after(Position.parse("p0-20").orElseThrow()).reset()).isTrue();
        assertThat(history.after(Position.parse("p0-50").orElseThrow()).reset()).isFalse();
    }

    static ProductChanged product(long id, long version) {
        return new ProductChanged(id, "Latte", 4500, ProductStatus.Available, ProductStatus.SoldOut, version, true);
    }

    static OrderMoved moved(long id, long version, OrderStatus status) {
        return new OrderMoved(id, "kim", OrderStatus.Ordered, status, Instant.parse("2026-11-25T09:05:00Z"), version);
    }

    static OrderOutcome order(long id) {
        return new OrderOutcome(id, 1, 1, 4500, 4500, "kim", Instant.parse("2026-11-25T09:00:00Z"),
                CheckedAgainst.Catalogue);
    }
}
