package io.sirenorder.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Runs requests at a steady rate: request {@code i} is due at {@code start + i / rate} and starts then on a virtual
 * thread of its own, whatever the requests before it are doing. A slow answer therefore delays nothing behind it, and
 * each latency is counted from when its request was due, so a stalled server shows in the figures instead of
 * quietly lowering the rate (no coordinated omission).
 */
final class SteadyLoad {

    /** One request; throws when it fails. */
    @FunctionalInterface
    interface Request {

        void send(int sequence) throws Exception;
    }

    /** {@code latencies} in microseconds, from each request's due time to its answer. */
    record Outcome(int requests, Duration elapsed, Histogram latencies) {

        double ratePerSecond() {
            return requests / (elapsed.toNanos() / 1e9);
        }
    }

    private SteadyLoad() {
    }

    /**
     * Sends {@code perSecond × duration} requests and waits for every answer; throws when a request failed.
     * {@code elapsed} runs from the first request's due time to the last answer.
     */
    static Outcome run(int perSecond, Duration duration, Request request) {
        int count = (int) (perSecond * duration.toMillis() / 1000);
        long period = 1_000_000_000L / perSecond;
        Histogram latencies = new ConcurrentHistogram(3);
        List<CompletableFuture<Void>> answers = new ArrayList<>(count);
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                long due = start + i * period;
                waitUntil(due);
                int sequence = i;
                answers.add(CompletableFuture.runAsync(() -> {
                    send(request, sequence);
                    latencies.recordValue((System.nanoTime() - due) / 1_000);
                }, threads));
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        }
        return new Outcome(count, Duration.ofNanos(System.nanoTime() - start), latencies);
    }

    private static void send(Request request, int sequence) {
        try {
            request.send(sequence);
        } catch (Exception e) {
            throw new IllegalStateException("request " + sequence + " failed: " + e.getMessage(), e);
        }
    }

    private static void waitUntil(long dueNanos) {
        for (long wait = dueNanos - System.nanoTime(); wait > 0; wait = dueNanos - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }
}
