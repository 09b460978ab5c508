package io.sirenorder.order.application;

import io.sirenorder.order.domain.Order;

/**
 * What became of each order a customer tried to place, told once per attempt, for those who watch the shop run (the
 * service's meters). Whoever listens keeps only the kind of outcome, how an order was checked or why it was refused,
 * never who ordered what: a count per customer or product would grow with the shop.
 */
public interface OrderOutcomes {

    /** {@code order} is stored: its transaction has committed. */
    void placed(Order order);

    /** Nothing was stored, for {@code reason}. */
    void refused(Refusal reason);
}
