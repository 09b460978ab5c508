package io.sirenorder.report.application;

import io.sirenorder.report.domain.CountedOrder;
import java.util.Optional;

/**
 * What the reports remember of each order whose placement or cancellation they have taken in, so that each is taken
 * in once.
 */
public interface CountedOrders {

    /** What is remembered of {@code orderId}; empty when neither its placement nor its cancellation has arrived. */
    Optional<CountedOrder> find(long orderId);

    /**
     * Remembers an order not remembered before; false, changing nothing, when another transaction has just
     * remembered it: the insert waits for that transaction to commit, and the order is then {@link #find found}.
     */
    boolean add(CountedOrder order);

    /** Stores the new state of an order remembered before. */
    void update(CountedOrder order);
}
