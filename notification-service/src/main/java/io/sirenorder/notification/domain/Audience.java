package io.sirenorder.notification.domain;

import java.util.Objects;

/**
 * Who listens on a stream. Everyone hears of the menu; a {@link Customer} also hears of their own orders, placed
 * and moved along; the {@link Clerks} hear of every customer's orders, for the queue board behind the counter.
 */
public sealed interface Audience {

    Audience ANYONE = new Anyone();
    Audience CLERKS = new Clerks();

    /** Anyone, signed in or not: the menu only. */
    record Anyone() implements Audience {
    }

    /** The customer {@code customerId}: the menu and their own orders, never anyone else's. */
    record Customer(String customerId) implements Audience {

        public Customer {
            Objects.requireNonNull(customerId, "customerId");
            if (customerId.isBlank()) {
                throw new IllegalArgumentException("customerId must not be blank");
            }
        }
    }

    /** The clerks: the menu and every order, a customer's or not. */
    record Clerks() implements Audience {
    }

    default boolean receives(Notification notification) {
        return switch (notification) {
            case ProductChanged product -> true;
            case OrderNotification order -> switch (this) {
                case Anyone anyone -> false;
                case Customer customer -> customer.customerId().equals(order.customerId());
                case Clerks clerks -> true;
            };
        };
    }
}
