package io.sirenorder.order.web;

import io.sirenorder.order.domain.OrderStatus;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Statuses as a client writes them, by their exact names; anything else is bad input naming the field. */
final class StatusNames {

    private static final String ONE_OF = "must be one of " + Arrays.stream(OrderStatus.values())
            .map(OrderStatus::name).collect(Collectors.joining(", "));

    private StatusNames() {
    }

    /** @throws InvalidStatusException when {@code name} is missing or names no status */
    static OrderStatus parse(String what, String name) {
        if (name == null) {
            throw new InvalidStatusException(what, "is required");
        }
        return OrderStatus.named(name).orElseThrow(() -> new InvalidStatusException(what, ONE_OF));
    }

    /** {@code status=Ordered,Preparing} and {@code status=Ordered&status=Preparing} alike. */
    static Set<OrderStatus> parseAll(List<String> names) {
        Set<OrderStatus> statuses = EnumSet.noneOf(OrderStatus.class);
        names.stream().flatMap(list -> Arrays.stream(list.split(",", -1)))
                .forEach(name -> statuses.add(parse("The request", name.strip())));
        return statuses;
    }

    /** A status that is missing or unknown; {@code what} names the part of the request it is in. */
    static class InvalidStatusException extends RuntimeException {

        private final String what;

        InvalidStatusException(String what, String message) {
            super(message);
            this.what = what;
        }

        String what() {
            return what;
        }
    }
}
