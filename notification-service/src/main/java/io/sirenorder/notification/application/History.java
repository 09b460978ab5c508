package io.sirenorder.notification.application;

import io.sirenorder.notification.domain.Notification;
import io.sirenorder.notification.domain.OrderNotification;
import io.sirenorder.notification.domain.ProductChanged;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The most recent notices, at most {@code capacity}, and what decides which records become one. Records arrive at
 * least once and a feed's events may repeat (an outbox can publish one twice), so a record already consumed, a
 * product version not newer than the one last told and an order's version still held are not told again.
 * <p>
 * Orders are many and each lives briefly, so only the order versions held here are remembered, never every order
 * ever told: a repeat of one no longer held, or a move that comes late, is told again. Clients keep each order's
 * highest version and ignore the others (see OrderNotification), so that changes nothing for them.
 * <p>
 * Not thread-safe: its owner serialises access.
 */
public final class History {

    private final int capacity;
    private final Deque<Notice> notices = new ArrayDeque<>();
    // per partition, the offset from which every notice is still held: where consuming began, raised by eviction
    private final Map<Partition, Long> floors = new HashMap<>();
    private final Map<Long, Long> productVersions = new HashMap<>();
    private final Set<OrderVersion> heldOrderVersions = new HashSet<>();
    private Position position = Position.NONE;

    public History(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.capacity = capacity;
    }

    /** Where consuming a partition begins: nothing before {@code offset} was ever seen here. */
    public void startsAt(Partition partition, long offset) {
        floors.putIfAbsent(partition, offset);
        position = position.advancedTo(partition, offset);
    }

    /** The notice the record at {@code offset} makes, unless it repeats or is older than what was already told. */
    public Optional<Notice> append(Partition partition, long offset, Notification notification) {
        if (!position.precedes(partition, offset)) {
            return Optional.empty();
        }
        floors.putIfAbsent(partition, offset);
        position = position.advancedTo(partition, offset + 1);
        if (!isNews(notification)) {
            return Optional.empty();
        }
        var notice = new Notice(partition, offset, position, notification);
        notices.addLast(notice);
        if (notices.size() > capacity) {
            evict(notices.removeFirst());
        }
        return Optional.of(notice);
    }

    /** What a client at {@code seen} missed; everything held, and a reset, when that reaches back beyond it. */
    public Replay after(Position seen) {
        boolean reset = floors.entrySet().stream().anyMatch(floor -> seen.next(floor.getKey()) < floor.getValue());
        return new Replay(reset, notices.stream()
                .filter(notice -> reset || seen.precedes(notice.partition(), notice.offset()))
                .toList());
    }

    private boolean isNews(Notification notification) {
        return switch (notification) {
            case ProductChanged product -> {
                if (product.version() <= productVersions.getOrDefault(product.productId(), 0L)) {
                    yield false;
                }
                productVersions.put(product.productId(), product.version());
                yield true;
            }
            case OrderNotification order -> heldOrderVersions.add(OrderVersion.of(order));
        };
    }

    private void evict(Notice notice) {
        floors.merge(notice.partition(), notice.offset() + 1, Math::max);
        if (notice.notification() instanceof OrderNotification order) {
            heldOrderVersions.remove(OrderVersion.of(order));
        }
    }

    private record OrderVersion(long orderId, long version) {

        static OrderVersion of(OrderNotification order) {
            return new OrderVersion(order.orderId(), order.version());
        }
    }
}
