package io.sirenorder.shutdown;

import java.time.Duration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The drain: the first thing stopped as the context closes, and it takes its time, so that everything else, the web
 * server above all, goes on as usual for that long after readiness went down. It waits beside the shutdown rather than
 * on it, so that {@code spring.lifecycle.timeout-per-shutdown-phase} bounds it as it bounds every other phase.
 */
final class ShutdownDrain implements SmartLifecycle {

    private static final Log log = LogFactory.getLog(ShutdownDrain.class);

    private final Duration drain;
    private volatile boolean running;

    ShutdownDrain(Duration drain) {
        this.drain = drain;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public void stop(Runnable stopped) {
        running = false;
        if (!drain.isPositive()) {
            stopped.run();
            return;
        }
        log.info("Not ready any more; still serving for " + drain.toMillis() + " ms before shutting down");
        Thread.ofVirtual().name("shutdown-drain").start(() -> {
            try {
                Thread.sleep(drain);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stopped.run();
            }
        });
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * The highest phase, stopped first: before the Kafka listener containers ({@code Integer.MAX_VALUE - 100}), the
     * web server's graceful shutdown ({@code - 1024}) and its stop ({@code - 2048}), and the outbox relay
     * ({@code - 4096}).
     */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
