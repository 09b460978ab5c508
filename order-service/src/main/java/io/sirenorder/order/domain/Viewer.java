package io.sirenorder.order.domain;

import java.util.Objects;

/**
 * Who asks to see orders. A clerk sees every order; a customer only their own, and another customer's order is, to
 * them, an order that does not exist.
 */
public sealed interface Viewer {

    record Clerk() implements Viewer {
    }

    record Customer(String customerId) implements Viewer {

        public Customer {
            Objects.requireNonNull(customerId, "customerId");
        }
    }

    default boolean sees(Order order) {
        return switch (this) {
            case Clerk clerk -> true;
            case Customer customer -> customer.customerId().equals(order.customerId());
        };
    }
}
