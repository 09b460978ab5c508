package io.sirenorder.order.application;

import io.sirenorder.order.domain.Order;

/** Tells the other services about orders; called in the transaction that stores them. */
public interface OrderEvents {

    void placed(Order order);
}
