package io.sirenorder.order.application;

import io.sirenorder.order.domain.Order;

/**
 * What became of each order a customer tried to place, told once per attempt, for those who watch the shop run (the
 * service's meters). Nothing about the customer or the order is meant to be kept from it but its kind: how an order
 * was checked, why it was refused.
 */
public interface OrderOutcomes {

    /** {@code order} is stored: its transaction has committed. */
    void placed(Order order);

    /** Nothing was stored, for {@code reason}. */
    void refused(Refusal reason);
}
