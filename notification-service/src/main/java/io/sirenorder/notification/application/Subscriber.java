package io.sirenorder.notification.application;


/** Where a stream's live notices go, in order, one at a time. */
public interface Subscriber {

    /**
     * Takes the notice without blocking. {@code false} when it cannot take any more, being gone or too far behind:
     * it is then dropped and ended.
     */
    boolean offer(Notice notice);

    /** Ends the stream after what it has taken, so that its client reconnects and resumes from its last event id. */
    void end();
}
