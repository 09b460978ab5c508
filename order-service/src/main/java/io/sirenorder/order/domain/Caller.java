package io.sirenorder.order.domain;

import java.util.Objects;

/**
 * Who asks, by name: a clerk sees every order and moves it along its life; a customer sees only their own, and may
 * only cancel one not yet being prepared. Another customer's order is, to a customer, an order that does not exist.
 */
public sealed interface Caller {

    String name();

    record Clerk(String name) implements Caller {

        public Clerk {
            Objects.requireNonNull(name, "name");
        }
    }

    record Customer(String name) implements Caller {

        public Customer {
            Objects.requireNonNull(name, "name");
        }
    }

    default boolean sees(Order order) {
        return switch (this) {
            case Clerk clerk -> true;
            case Customer customer -> customer.name().equals(order.customerId());
        };
    }
}
