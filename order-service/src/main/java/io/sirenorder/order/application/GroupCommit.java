package io.sirenorder.order.application;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Group commit: units of work that arrive together share one database transaction. A commit writes to disk and
 * costs far more than the few rows a unit stores, so at rush hour one commit serves many customers. Each caller still
 * returns only once its own unit is committed. While one group commits, the next gathers, so a lone unit waits for
 * nobody. When a group fails, its units are committed again one by one, so one unit's failure is never another's.
 * Each unit is stored in its caller's context (its trace, above all: the outbox stores an event with the trace of
 * the request that placed it), though the committer's thread does the storing.
 *
 * @param <T> what a unit of work stores
 * @param <R> what storing it returns
 */
public final class GroupCommit<T, R> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private record Pending<T, R>(T unit, ContextSnapshot callersContext, CompletableFuture<R> result) {
    }

    private static final ContextSnapshotFactory CONTEXTS = ContextSnapshotFactory.builder().build();

    /** The service is stopping: a unit that arrives now is refused, and nothing of it is stored. */
    public static final class Closed extends IllegalStateException {

        Closed() {
            super("shutting down: nothing more is committed");
        }
    }

    private final TransactionOperations transaction;
    private final Function<T, R> store;
    private final int maxGroupSize;
    private final BlockingQueue<Pending<T, R>> waiting = new LinkedBlockingQueue<>();
    private final Thread committer;
    private volatile boolean closed;

    /**
     * @param store stores one unit; runs inside the group's transaction
     * @param maxGroupSize at most this many units to a transaction
     */
    public GroupCommit(String name, TransactionOperations transaction, Function<T, R> store, int maxGroupSize) {
        if (maxGroupSize < 1) {
            throw new IllegalArgumentException("maxGroupSize must be at least 1");
        }
        this.transaction = transaction;
        this.store = store;
        this.maxGroupSize = maxGroupSize;
        this.committer = Thread.ofPlatform().name(name).daemon().start(this::commitWhatArrives);
    }

    /**
     * Stores {@code unit} in a transaction, perhaps with others, and returns once that transaction has committed.
     *
     * @throws RuntimeException what storing the unit threw; nothing of it was stored then
     * @throws Closed when this group commit is closed
     */
    public R commit(T unit) {
        var pending = new Pending<T, R>(unit, CONTEXTS.captureAll(), new CompletableFuture<>());
        // with close(): a unit is either refused or waits in the queue, which the committer empties before it ends
        synchronized (this) {
            if (closed) {
                throw new Closed();
            }
            waiting.add(pending);
        }
        try {
            // not interruptible: the unit may be committing right now, and its caller must learn how that ended
            return pending.result().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** How many units wait for the committer (for tests). */
    int waiting() {
        return waiting.size();
    }

    /** Commits what is waiting, then stops; units that arrive afterwards are refused. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        try {
            committer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void commitWhatArrives() {
        List<Pending<T, R>> group = new ArrayList<>(maxGroupSize);
        while (!closed || !waiting.isEmpty()) {
            try {
                Pending<T, R> first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                waiting.drainTo(group, maxGroupSize - 1);
                commitGroup(group);
            } catch (InterruptedException e) {
                // daemon thread: only close() ends it, and that lets it finish what is waiting
            } catch (RuntimeException | Error e) {
                group.forEach(pending -> pending.result().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
    }

    private void commitGroup(List<Pending<T, R>> group) {
        if (group.size() > 1) {
            try {
                List<R> results = transaction.execute(status -> group.stream().map(this::storeAsItsCaller).toList());
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).result().complete(results.get(i));
                }
                return;
            } catch (RuntimeException e) {
                log.warn("A group of {} could not be committed together ({}); committing each on its own",
                        group.size(), e.toString());
            }
        }
        for (Pending<T, R> pending : group) {
            try {
                pending.result().complete(transaction.execute(status -> storeAsItsCaller(pending)));
            } catch (RuntimeException e) {
                pending.result().completeExceptionally(e);
            }
        }
    }

    private R storeAsItsCaller(Pending<T, R> pending) {
        try (ContextSnapshot.Scope scope = pending.callersContext().setThreadLocals()) {
            return store.apply(pending.unit());
        }
    }
}
