package io.sirenorder.order.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.context.ContextRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Group commit against a stand-in for the database: each transaction keeps what its units stored only when it
 * commits, so what the callers were told can be compared with what was committed.
 */
class GroupCommitTest {

    /** Transactions that commit what their callback stored, or nothing when it throws. */
    private static final class Database implements TransactionOperations {

        final List<String> committed = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger transactions = new AtomicInteger();
        final ThreadLocal<List<String>> open = new ThreadLocal<>();

        @Override
        public <T> T execute(TransactionCallback<T> action) {
            transactions.incrementAndGet();
            open.set(new ArrayList<>());
            try {
                TransactionStatus status = new SimpleTransactionStatus();
                T result = action.doInTransaction(status);
                committed.addAll(open.get());
                return result;
            } finally {
                open.remove();
            }
        }

        String store(String unit) {
            if (unit.startsWith("bad")) {
                throw new IllegalArgumentException(unit + " breaks a rule");
            }
            open.get().add(unit);
            return unit + " stored";
        }
    }

    private final Database database = new Database();

    @Test
    void eachCallerGetsItsOwnUnitBackOnceCommitted() {
        try (var commits = new GroupCommit<>("test-commits", database, database::store, 10)) {
            assertThat(commits.commit("latte")).isEqualTo("latte stored");
            assertThat(database.committed).containsExactly("latte");
        }
    }

    @Test
    void eachUnitIsStoredInItsCallersContextThoughTheCommitterStoresIt() throws Exception {
        // as the trace of the request that places an order, which the outbox stores with its event
        ThreadLocal<String> request = new ThreadLocal<>();
        String key = "group-commit-test.request";
        ContextRegistry.getInstance().registerThreadLocalAccessor(key, request::get, request::set, request::remove);
        Map<String, String> seenWhileStoring = new ConcurrentHashMap<>();
        Function<String, String> store = unit -> {
            seenWhileStoring.put(unit, String.valueOf(request.get()));
            return database.store(unit);
        };
        try (var commits = new GroupCommit<>("test-commits", database, store, 16);
             var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String unit = "order-" + i;
                results.add(callers.submit(() -> {
                    request.set("the request placing " + unit);
                    try {
                        return commits.commit(unit);
                    } finally {
                        request.remove();
                    }
                }));
            }
            for (Future<String> result : results) {
                result.get(10, TimeUnit.SECONDS);
            }
        } finally {
            ContextRegistry.getInstance().removeThreadLocalAccessor(key);
        }

        assertThat(seenWhileStoring).hasSize(40).allSatisfy((unit, context) ->
                assertThat(context).isEqualTo("the request placing " + unit));
    }

    @Test
    void unitsArrivingTogetherShareTransactionsAndEachIsCommittedOnce() throws Exception {
        int callers = 50;
        List<String> units = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            units.add("order-" + i);
        }

        List<CompletableFuture<String>> results = commitWhileTheCommitterIsBusy(units, 16);

        for (int i = 0; i < callers; i++) {
            assertThat(results.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("order-" + i + " stored");
        }
        assertThat(database.committed).hasSize(callers + 1).doesNotHaveDuplicates();
        // the first alone, then the fifty that waited meanwhile in groups of at most 16
        assertThat(database.transactions.get()).isEqualTo(1 + 4);
    }

    @Test
    void aUnitThatFailsFailsAloneAndTheOthersOfItsGroupAreCommitted() throws Exception {
        List<CompletableFuture<String>> results = commitWhileTheCommitterIsBusy(
                List.of("good", "bad", "also good"), 16);

        assertThat(results.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("good stored");
        assertThat(results.get(2).get(10, TimeUnit.SECONDS)).isEqualTo("also good stored");
        assertThat(results.get(1)).failsWithin(10, TimeUnit.SECONDS).withThrowableThat()
                .havingRootCause().isInstanceOf(IllegalArgumentException.class).withMessage("bad breaks a rule");
        assertThat(database.committed).containsExactlyInAnyOrder("first", "good", "also good");
    }

    @Test
    void closingCommitsWhatIsWaitingAndRefusesWhatComesAfter() {
        var commits = new GroupCommit<>("test-commits", database, database::store, 10);
        commits.commit("before");

        commits.close();

        assertThatThrownBy(() -> commits.commit("after")).isInstanceOf(GroupCommit.Closed.class);
        assertThat(database.committed).containsExactly("before");
    }

    /**
     * Commits a unit "first" that keeps the committer busy until {@code units} all wait behind it, so that they
     * arrive together as at rush hour; returns their results, in order.
     */
    private List<CompletableFuture<String>> commitWhileTheCommitterIsBusy(List<String> units, int maxGroupSize)
            throws Exception {
        var firstStoring = new CountDownLatch(1);
        var othersWaiting = new CountDownLatch(1);
        Function<String, String> store = unit -> {
            if (unit.equals("first")) {
                firstStoring.countDown();
                await(othersWaiting);
            }
            return database.store(unit);
        };
        List<CompletableFuture<String>> results = new ArrayList<>();
        try (var commits = new GroupCommit<>("test-commits", database, store, maxGroupSize);
             var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> commits.commit("first"), callers);
            await(firstStoring);
            for (String unit : units) {
                results.add(CompletableFuture.supplyAsync(() -> commits.commit(unit), callers));
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> commits.waiting() == units.size());
            othersWaiting.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first stored");
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).exceptionally(failed -> null)
                    .get(10, TimeUnit.SECONDS);
        }
        return results;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
