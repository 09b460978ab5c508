package io.sirenorder.notification.application;

import io.sirenorder.notification.domain.Audience;
import io.sirenorder.notification.domain.Notification;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Hands each consumed record's notice to the open streams and keeps the recent ones for clients that reconnect.
 * <p>
 * One lock orders everything: a notice is added to the history and offered to every subscriber in one step, and a
 * new subscriber takes its replay and joins in one step, so between its replay and its first live notice nothing
 * is lost and nothing is told twice. Offering never blocks (see {@link Subscriber#offer}), so the lock is only ever
 * held briefly, and one slow client holds up no one.
 */
public final class NotificationHub {

    private final Lock lock = new ReentrantLock();
    private final History history;
    private final Set<Subscription> subscriptions = new LinkedHashSet<>();
    private boolean closed;

    public NotificationHub(int historySize) {
        this.history = new History(historySize);
    }

    /** Where consuming {@code partition} begins (see {@link History#startsAt}). */
    public void startsAt(Partition partition, long offset) {
        locked(() -> history.startsAt(partition, offset));
    }

    /** Tells the subscribers about the record at {@code offset}, unless it is a repeat or stale. */
    public void publish(Partition partition, long offset, Notification notification) {
        locked(() -> history.append(partition, offset, notification).ifPresent(notice -> {
            // over a copy: a stream may end, and unsubscribe, while it is offered a notice or ended
            for (Subscription subscription : List.copyOf(subscriptions)) {
                if (!subscription.offer(notice)) {
                    subscriptions.remove(subscription);
                    subscription.end();
                }
            }
        }));
    }

    /**
     * Opens a stream for {@code audience}. With {@code lastSeen}, the id of the last event the client received,
     * the stream starts with what it missed since; without, with the next live notice.
     */
    public Subscription subscribe(Audience audience, Optional<Position> lastSeen, Subscriber subscriber) {
        return locked(() -> {
            Replay missed = lastSeen.map(history::after).orElse(new Replay(false, List.of()));
            // after a reset the client starts over from what the history holds
            Position seen = missed.reset() ? Position.NONE : lastSeen.orElse(Position.NONE);
            var subscription = new Subscription(this, audience, seen, missed, subscriber);
            if (closed) {
                subscription.end();
            } else {
                subscriptions.add(subscription);
            }
            return subscription;
        });
    }

    public int subscriberCount() {
        return locked(subscriptions::size);
    }

    /**
     * Ends every stream, and every one opened from now on, when the service shuts down: its clients reconnect,
     * to another instance, and resume from their last event id.
     */
    public void close() {
        locked(() -> {
            closed = true;
            List<Subscription> open = List.copyOf(subscriptions);
            subscriptions.clear();
            open.forEach(Subscription::end);
        });
    }

    void unsubscribe(Subscription subscription) {
        locked(() -> {
            subscriptions.remove(subscription);
        });
    }

    private void locked(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
