package io.sirenorder.order.application;

import io.sirenorder.order.domain.Order;
import io.sirenorder.order.domain.OrderStatus;

/** Tells the other services about orders; called in the transaction that stores them. */
public interface OrderEvents {

    void placed(Order order);

    /** {@code order} has just moved from {@code from} to its status. */
    void moved(Order order, OrderStatus from);
}
