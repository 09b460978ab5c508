package io.sirenorder.order.application;

import io.sirenorder.order.domain.Order;
import io.sirenorder.order.domain.OrderStatus;
import java.util.List;
import java.util.Optional;
import java.util.Set;

public interface Orders {

    /** Stores a new order; returns it as stored, with its id. */
    Order add(Order order);

    Optional<Order> find(long orderId);

    /** The order, locked until the transaction ends, so that its moves are made one after the other. */
    Optional<Order> lock(long orderId);

    /** Stores {@code moved}, which was {@code from} until {@code movedBy} moved it, and the move in its history. */
    void move(Order moved, OrderStatus from, String movedBy);

    /** At most {@code limit} orders, newest first, after skipping the {@code offset} newest. */
    List<Order> newestFirst(long offset, int limit);

    long count();

    /** At most {@code limit} of the customer's orders, newest first, after skipping their {@code offset} newest. */
    List<Order> newestFirstOf(String customerId, long offset, int limit);

    long countOf(String customerId);

    /**
     * At most {@code limit} orders in one of {@code statuses}, oldest first, after skipping the {@code offset}
     * oldest; only {@code customerId}'s unless it is null.
     */
    List<Order> oldestFirstIn(Set<OrderStatus> statuses, String customerId, long offset, int limit);

    long countIn(Set<OrderStatus> statuses, String customerId);
}
