package io.sirenorder.notification.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.sirenorder.notification.domain.Audience;
import io.sirenorder.notification.domain.CheckedAgainst;
import io.sirenorder.notification.domain.OrderMoved;
import io.sirenorder.notification.domain.OrderNotification;
import io.sirenorder.notification.domain.OrderOutcome;
import io.sirenorder.notification.domain.OrderStatus;
import io.sirenorder.notification.domain.ProductChanged;
import io.sirenorder.notification.domain.ProductStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotificationHubTest {

    static final Partition PRODUCTS = new Partition(Feed.PRODUCTS, 0);
    static final Partition ORDERS = new Partition(Feed.ORDERS, 0);

    final NotificationHub hub = new NotificationHub(100);

    @Test
    void aCustomerHearsOfProductsAndOfTheirOwnOrdersAndMovesOnly() {
        var kim = new Inbox();
        var lee = new Inbox();
        var anyone = new Inbox();
        hub.subscribe(new Audience.Customer("kim"), Optional.empty(), kim);
        hub.subscribe(new Audience.Customer("lee"), Optional.empty(), lee);
        hub.subscribe(Audience.ANYONE, Optional.empty(), anyone);

        hub.publish(PRODUCTS, 0, product(1));
        hub.publish(ORDERS, 0, order(10, "kim"));
        hub.publish(ORDERS, 1, order(11, "lee"));
        hub.publish(ORDERS, 2, moved(10, "kim", 2, OrderStatus.Preparing));
        hub.publish(ORDERS, 3, moved(10, "kim", 3, OrderStatus.Ready));

        assertThat(kim.orderVersions()).containsExactly("10@1", "10@2", "10@3");
        assertThat(lee.orderVersions()).containsExactly("11@1");
        assertThat(anyone.orderVersions()).isEmpty();
        assertThat(anyone.received).hasSize(1);
    }

    @Test
    void theClerksHearOfProductsAndOfEveryOrderAndMove() {
        var clerk = new Inbox();
        hub.subscribe(Audience.CLERKS, Optional.empty(), clerk);

        hub.publish(PRODUCTS, 0, product(1));
        hub.publish(ORDERS, 0, order(10, "kim"));
        hub.publish(ORDERS, 1, order(11, null));
        hub.publish(ORDERS, 2, moved(11, null, 2, OrderStatus.Cancelled));
        hub.publish(ORDERS, 3, moved(10, "kim", 2, OrderStatus.Preparing));

        assertThat(clerk.orderVersions()).containsExactly("10@1", "11@1", "11@2", "10@2");
        assertThat(clerk.received).hasSize(5);
    }

    @Test
    void aReplayHoldsTheMissedMovesOfTheAudiencesOrdersOnly() {
        var first = new Inbox();
        hub.subscribe(Audience.ANYONE, Optional.empty(), first);
        hub.publish(ORDERS, 0, order(10, "kim"));
        hub.publish(PRODUCTS, 0, product(1));
        Optional<Position> lastSeen = Optional.of(first.received.getFirst().id());
        hub.publish(ORDERS, 1, order(11, "lee"));
        hub.publish(ORDERS, 2, moved(10, "kim", 2, OrderStatus.Preparing));
        hub.publish(ORDERS, 3, moved(11, "lee", 2, OrderStatus.Cancelled));

        assertThat(replayedOrderVersions(new Audience.Customer("kim"), lastSeen)).containsExactly("10@2");
        assertThat(replayedOrderVersions(Audience.CLERKS, lastSeen)).containsExactly("11@1", "10@2", "11@2");
        assertThat(replayedOrderVersions(Audience.ANYONE, lastSeen)).isEmpty();
    }

    @Test
    void aReconnectingClientGetsWhatItMissedThenLiveNoticesWithoutGapOrRepeat() {
        var first = new Inbox();
        Subscription subscription = hub.subscribe(Audience.ANYONE, Optional.empty(), first);
        hub.publish(PRODUCTS, 0, product(1));
        subscription.close();
        hub.publish(PRODUCTS, 1, product(2));
        hub.publish(PRODUCTS, 2, product(3));

        var again = new Inbox();
        Subscription resumed = hub.subscribe(Audience.ANYONE, Optional.of(first.received.getFirst().id()), again);
        hub.publish(PRODUCTS, 3, product(4));

        assertThat(resumed.replay().reset()).isFalse();
        assertThat(resumed.replay().notices()).extracting(Notice::offset).containsExactly(1L, 2L);
        assertThat(again.received).extracting(Notice::offset).containsExactly(3L);
        assertThat(first.received).hasSize(1);
    }

    @Test
    void aClientAheadOfThisInstanceIsNotToldAgainWhatItHas() {
        var inbox = new Inbox();
        hub.subscribe(Audience.ANYONE, Position.parse("p0-2"), inbox);

        hub.publish(PRODUCTS, 1, product(1));
        hub.publish(PRODUCTS, 2, product(2));

        assertThat(inbox.received).extracting(Notice::offset).containsExactly(2L);
    }

    @Test
    void aSubscriberThatCanTakeNoMoreIsDroppedAndEnded() {
        var full = new Inbox(0);
        var inbox = new Inbox();
        hub.subscribe(Audience.ANYONE, Optional.empty(), full);
        hub.subscribe(Audience.ANYONE, Optional.empty(), inbox);

        hub.publish(PRODUCTS, 0, product(1));

        assertThat(hub.subscriberCount()).isEqualTo(1);
        assertThat(full.ended).isTrue();
        assertThat(inbox.ended).isFalse();
    }

    @Test
    void closingEndsEveryStreamAndEachOpenedAfter() {
        var open = new Inbox();
        hub.subscribe(Audience.ANYONE, Optional.empty(), open);

        hub.close();
        var late = new Inbox();
        hub.subscribe(Audience.ANYONE, Optional.empty(), late);

        assertThat(open.ended).isTrue();
        assertThat(late.ended).isTrue();
        assertThat(hub.subscriberCount()).isZero();
    }

    @Test
    void aStreamMayUnsubscribeAsItEnds() {
        var inbox = new Inbox(0);
        Subscription subscription = hub.subscribe(Audience.ANYONE, Optional.empty(), inbox);
        // as a Reactor stream does, when it completes on the thread that ends it
        inbox.onEnd = subscription::close;
        hub.subscribe(Audience.ANYONE, Optional.empty(), new Inbox());

        hub.publish(PRODUCTS, 0, product(1));
        hub.close();

        assertThat(inbox.ended).isTrue();
        assertThat(hub.subscriberCount()).isZero();
    }

    private List<String> replayedOrderVersions(Audience audience, Optional<Position> lastSeen) {
        return orderVersions(hub.subscribe(audience, lastSeen, new Inbox()).replay().notices());
    }

    static ProductChanged product(long id) {
        return new ProductChanged(id, null, 3000, ProductStatus.Available, null, 1, true);
    }

    static OrderMoved moved(long id, String customerId, long version, OrderStatus status) {
        return new OrderMoved(id, customerId, OrderStatus.Ordered, status, Instant.parse("2026-11-25T09:05:00Z"),
                version);
    }

    /** Each order notice's order and version, as {@code orderId@version}. */
    static List<String> orderVersions(List<Notice> notices) {
        return notices.stream()
                .filter(notice -> notice.notification() instanceof OrderNotification)
                .map(notice -> (OrderNotification) notice.notification())
                .map(order -> order.orderId() + "@" + order.version())
                .toList();
    }

    static OrderOutcome order(long id, String customerId) {
        return new OrderOutcome(id, 1, 2, 3000, 6000, customerId, Instant.parse("2026-11-25T09:00:00Z"),
                CheckedAgainst.Catalogue);
    }

    static final class Inbox implements Subscriber {

        final List<Notice> received = new ArrayList<>();
        final int capacity;
        boolean ended;
        Runnable onEnd = () -> {
        };

        Inbox() {
            this(Integer.MAX_VALUE);
        }

        Inbox(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public boolean offer(Notice notice) {
            return received.size() < capacity && received.add(notice);
        }

        @Override
        public void end() {
            ended = true;
            onEnd.run();
        }

        List<String> orderVersions() {
            return NotificationHubTest.orderVersions(received);
        }
    }
}
