package io.sirenorder.product.faults;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/** The faults currently injected into the calls order makes: none until told otherwise. */
public class Faults {

    /** Latency in [minLatency, maxLatency] ms before each call; {@code failureRate} of the calls fail. */
    public record Settings(long minLatency, long maxLatency, double failureRate) {

        public static final Settings NONE = new Settings(0, 0, 0);

        /** Why these settings cannot be applied, or null when they can. */
        static String problemWith(long minLatency, long maxLatency, double failureRate) {
            if (minLatency < 0) {
                return "minLatency must be >= 0";
            }
            if (maxLatency < minLatency) {
                return "maxLatency must be >= minLatency";
            }
            if (maxLatency > 60_000) {
                return "maxLatency must be <= 60000";
            }
            if (!(failureRate >= 0 && failureRate <= 1)) {
                return "failureRate must be between 0 and 1";
            }
            return null;
        }

        boolean none() {
            return maxLatency == 0 && failureRate == 0;
        }
    }

    private final AtomicReference<Settings> settings = new AtomicReference<>(Settings.NONE);

    public Settings settings() {
        return settings.get();
    }

    void set(Settings next) {
        settings.set(next);
    }

    void clear() {
        settings.set(Settings.NONE);
    }

    /** The delay for one call, in ms: uniformly random in [min, max]. */
    long nextLatency(Settings current) {
        return current.maxLatency() == 0 ? 0
                : ThreadLocalRandom.current().nextLong(current.minLatency(), current.maxLatency() + 1);
    }

    /** Whether one call fails: true for {@code failureRate} of the calls. */
    boolean nextFails(Settings current) {
        return current.failureRate() > 0 && ThreadLocalRandom.current().nextDouble() < current.failureRate();
    }
}
