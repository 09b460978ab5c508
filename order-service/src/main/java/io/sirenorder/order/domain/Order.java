package io.sirenorder.order.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An accepted order: {@code quantity} of one product at the unit price the catalogue quoted when it was placed.
 * {@code id} is {@code null} until the order is stored; {@code customerId} is optional. {@code checkedAgainst} says
 * where that price and status came from: the catalogue, or, degraded, the menu replica's last known copy.
 * {@code status} is where it stands since {@code statusChangedAt}; {@code version} counts its states, 1 when placed,
 * so that whoever hears of its moves applies each once and in order.
 */
public record Order(Long id, long productId, int quantity, int unitPrice, String customerId, OrderStatus status,
                    Instant orderedAt, CheckedAgainst checkedAgainst, long version, Instant statusChangedAt) {

    /** The version of an order just placed, before any move. */
    public static final long PLACED_VERSION = 1;

    /** Only a valid {@link OrderRequest} becomes an order: the rules are checked there, once. */
    public Order {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(orderedAt, "orderedAt");
        Objects.requireNonNull(checkedAgainst, "checkedAgainst");
        Objects.requireNonNull(statusChangedAt, "statusChangedAt");
    }

    /** A new order, {@code Ordered} at {@code orderedAt}, not stored yet. */
    static Order placed(long productId, int quantity, int unitPrice, String customerId, Instant orderedAt,
            CheckedAgainst checkedAgainst) {
        return new Order(null, productId, quantity, unitPrice, customerId, OrderStatus.Ordered, orderedAt,
                checkedAgainst, PLACED_VERSION, orderedAt);
    }

    public long totalPrice() {
        return (long) unitPrice * quantity;
    }

    public Order withId(long newId) {
        return new Order(newId, productId, quantity, unitPrice, customerId, status, orderedAt, checkedAgainst,
                version, statusChangedAt);
    }

    /**
     * This order moved to {@code next} by {@code caller} at {@code at}, one version on.
     *
     * @throws MoveNotPermittedException when a customer asks for anything but a cancellation
     * @throws IllegalMoveException when the order's status does not allow the move to this caller
     */
    public Order moveTo(OrderStatus next, Caller caller, Instant at) {
        if (caller instanceof Caller.Customer && next != OrderStatus.Cancelled) {
            throw new MoveNotPermittedException(next);
        }
        List<OrderStatus> allowed = status.nextFor(caller);
        if (!allowed.contains(next)) {
            throw new IllegalMoveException(id, status, version, next, allowed, whyNot(allowed));
        }
        return new Order(id, productId, quantity, unitPrice, customerId, next, orderedAt, checkedAgainst,
                version + 1, at);
    }

    private String whyNot(List<OrderStatus> allowed) {
        if (!allowed.isEmpty()) {
            return "it can move to " + allowed.stream().map(OrderStatus::name).collect(Collectors.joining(" or "));
        }
        return status.isOpen() ? "only the shop can move it now" : "it has come to its end";
    }
}
