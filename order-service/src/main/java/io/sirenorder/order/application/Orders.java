package io.sirenorder.order.application;

import io.sirenorder.order.domain.Order;
import java.util.List;
import java.util.Optional;

public interface Orders {

    /** Stores a new order; returns it as stored, with its id. */
    Order add(Order order);

    Optional<Order> find(long orderId);

    /** At most {@code limit} orders, newest first, after skipping the {@code offset} newest. */
    List<Order> newestFirst(long offset, int limit);

    long count();

    /** At most {@code limit} of the customer's orders, newest first, after skipping their {@code offset} newest. */
    List<Order> newestFirstOf(String customerId, long offset, int limit);

    long countOf(String customerId);
}
