package io.sirenorder.order.catalogue;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * How late order's own threads get the CPU: a thread asks to wake every few milliseconds and notes how much later it
 * does. On a saturated machine (every core busy, a start-up's compilers at work, another program hogging a core) it
 * wakes tens or hundreds of milliseconds late, and so does everything else order does, reading product's answer
 * included. Then a slow round trip says nothing against product: the check's deadline stretches by as much, and the
 * breaker does not hold the delay against product (see {@link ProductServiceClient}).
 */
class CallerStalls implements AutoCloseable {

    private static final long TICK_NANOS = Duration.ofMillis(5).toNanos();
    private static final long WINDOW_NANOS = Duration.ofSeconds(1).toNanos();

    private final Thread meter;
    private volatile boolean running = true;
    // the worst lateness in the current window and in the one before: "recent" is at least one full window
    private volatile long worstNow;
    private volatile long worstBefore;

    CallerStalls() {
        this.meter = Thread.ofPlatform().name("caller-stall-meter").daemon().start(this::measure);
    }

    /** The longest this process waited for the CPU in the last second or two. */
    Duration recent() {
        return Duration.ofNanos(Math.max(worstNow, worstBefore));
    }

    private void measure() {
        long windowStarted = System.nanoTime();
        while (running) {
            long asleep = System.nanoTime();
            LockSupport.parkNanos(TICK_NANOS);
            long awake = System.nanoTime();
            long late = Math.max(0, awake - asleep - TICK_NANOS);
            if (awake - windowStarted >= WINDOW_NANOS) {
                worstBefore = worstNow;
                worstNow = late;
                windowStarted = awake;
            } else if (late > worstNow) {
                worstNow = late;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(meter);
    }
}
