package io.sirenorder.order.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where an order stands in its life: {@code Ordered → Preparing → Ready → PickedUp}, or {@code Cancelled} from
 * {@code Ordered} (by its customer or a clerk) or from {@code Preparing} (by a clerk: the barista has started, so
 * only the shop may call it off). {@code PickedUp} and {@code Cancelled} are the end.
 */
public enum OrderStatus {
    Ordered,
    Preparing,
    Ready,
    PickedUp,
    Cancelled;

    /** The statuses a clerk may move an order in this status to. */
    public List<OrderStatus> next() {
        return switch (this) {
            case Ordered -> List.of(Preparing, Cancelled);
            case Preparing -> List.of(Ready, Cancelled);
            case Ready -> List.of(PickedUp);
            case PickedUp, Cancelled -> List.of();
        };
    }

    /** The statuses {@code caller} may move an order in this status to. */
    public List<OrderStatus> nextFor(Caller caller) {
        return switch (caller) {
            case Caller.Clerk clerk -> next();
            case Caller.Customer customer -> this == Ordered ? List.of(Cancelled) : List.of();
        };
    }

    /** Still to be handed over: what the barista's queue shows. */
    public boolean isOpen() {
        return !next().isEmpty();
    }

    /** The status called {@code name}, exactly as written. */
    public static Optional<OrderStatus> named(String name) {
        return Arrays.stream(values()).filter(status -> status.name().equals(name)).findFirst();
    }
}
