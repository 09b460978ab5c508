package io.sirenorder.notification.application;

import io.sirenorder.notification.domain.Audience;

/**
 * One open stream: first its {@link #replay()}, then every live notice for its audience that lies beyond what the
 * client has seen (it may have seen more than this instance has, coming from one that is further ahead).
 * Closing it stops the live notices.
 */
public final class Subscription implements AutoCloseable {

    private final NotificationHub hub;
    private final Audience audience;
    private final Position seen;
    private final Replay replay;
    private final Subscriber subscriber;

    Subscription(NotificationHub hub, Audience audience, Position seen, Replay missed, Subscriber subscriber) {
        this.hub = hub;
        this.audience = audience;
        this.seen = seen;
        this.subscriber = subscriber;
        this.replay = new Replay(missed.reset(), missed.notices().stream().filter(this::isFor).toList());
    }

    public Replay replay() {
        return replay;
    }

    /** {@code false} when the subscriber can take no more. */
    boolean offer(Notice notice) {
        return !isFor(notice) || subscriber.offer(notice);
    }

    private boolean isFor(Notice notice) {
        return audience.receives(notice.notification()) && seen.precedes(notice.partition(), notice.offset());
    }

    void end() {
        subscriber.end();
    }

    @Override
    public void close() {
        hub.unsubscribe(this);
    }
}
