package io.sirenorder.order.domain;

import static io.sirenorder.order.domain.OrderStatus.Cancelled;
import static io.sirenorder.order.domain.OrderStatus.Ordered;
import static io.sirenorder.order.domain.OrderStatus.PickedUp;
import static io.sirenorder.order.domain.OrderStatus.Preparing;
import static io.sirenorder.order.domain.OrderStatus.Ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LifecycleTest {

    private static final Instant PLACED = Instant.parse("2026-12-01T08:00:00Z");
    private static final Instant LATER = PLACED.plusSeconds(90);
    private static final Caller CLERK = new Caller.Clerk("clerk");
    private static final Caller ADA = new Caller.Customer("ada");

    /** The whole diagram, as the README draws it: every move a clerk may make. */
    private static final Map<OrderStatus, Set<OrderStatus>> CLERK_MOVES = Map.of(
            Ordered, EnumSet.of(Preparing, Cancelled),
            Preparing, EnumSet.of(Ready, Cancelled),
            Ready, EnumSet.of(PickedUp),
            PickedUp, EnumSet.noneOf(OrderStatus.class),
            Cancelled, EnumSet.noneOf(OrderStatus.class));

    @Test
    void aPlacedOrderIsOrderedAtItsFirstVersion() {
        Order order = ordered();

        assertThat(order.status()).isEqualTo(Ordered);
        assertThat(order.version()).isEqualTo(Order.PLACED_VERSION);
        assertThat(order.statusChangedAt()).isEqualTo(PLACED);
    }

    @Test
    void aClerkTakesAnOrderFromOrderedToPickedUpOneVersionAtATime() {
        Order order = ordered();
        for (OrderStatus next : List.of(Preparing, Ready, PickedUp)) {
            Order moved = order.moveTo(next, CLERK, LATER);

            assertThat(moved.status()).isEqualTo(next);
            assertThat(moved.version()).isEqualTo(order.version() + 1);
            assertThat(moved.statusChangedAt()).isEqualTo(LATER);
            assertThat(moved.withId(1)).usingRecursiveComparison()
                    .ignoringFields("status", "version", "statusChangedAt").isEqualTo(order);
            order = moved;
        }
        assertThat(order.version()).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(OrderStatus.class)
    void aClerkMakesExactlyTheMovesOfTheDiagram(OrderStatus from) {
        for (OrderStatus to : OrderStatus.values()) {
            Order order = in(from);
            if (CLERK_MOVES.get(from).contains(to)) {
                assertThat(order.moveTo(to, CLERK, LATER).status()).isEqualTo(to);
            } else {
                assertThatThrownBy(() -> order.moveTo(to, CLERK, LATER))
                        .isInstanceOfSatisfying(IllegalMoveException.class, refused -> {
                            assertThat(refused.current()).isEqualTo(from);
                            assertThat(refused.version()).isEqualTo(order.version());
                            assertThat(refused.allowed()).containsExactlyInAnyOrderElementsOf(CLERK_MOVES.get(from));
                        })
                        .hasMessageStartingWith("Order 1 is " + from + ", so it cannot move to " + to + ": ");
            }
        }
    }

    @Test
    void theRefusalSaysWhereTheOrderMayGoOrThatItHasEnded() {
        assertThatThrownBy(() -> in(Ordered).moveTo(Ready, CLERK, LATER))
                .hasMessage("Order 1 is Ordered, so it cannot move to Ready: it can move to Preparing or Cancelled.");
        assertThatThrownBy(() -> in(PickedUp).moveTo(Cancelled, CLERK, LATER))
                .hasMessage("Order 1 is PickedUp, so it cannot move to Cancelled: it has come to its end.");
    }

    @Test
    void aCustomerMayCancelTheirOrderOnlyBeforeItIsBeingPrepared() {
        assertThat(in(Ordered).moveTo(Cancelled, ADA, LATER).status()).isEqualTo(Cancelled);

        assertThatThrownBy(() -> in(Preparing).moveTo(Cancelled, ADA, LATER))
                .isInstanceOfSatisfying(IllegalMoveException.class,
                        refused -> assertThat(refused.allowed()).isEmpty())
                .hasMessage("Order 1 is Preparing, so it cannot move to Cancelled: only the shop can move it now.");
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = "Cancelled", mode = EnumSource.Mode.EXCLUDE)
    void aCustomerMayNotMoveAnOrderAlong(OrderStatus next) {
        assertThatThrownBy(() -> in(Ordered).moveTo(next, ADA, LATER))
                .isInstanceOf(MoveNotPermittedException.class)
                .hasMessage("Only a clerk may move an order to " + next
                        + "; a customer may cancel their order while it is Ordered.");
    }

    @Test
    void theQueueHoldsTheOrdersNotYetHandedOver() {
        assertThat(EnumSet.allOf(OrderStatus.class)).filteredOn(OrderStatus::isOpen)
                .containsExactly(Ordered, Preparing, Ready);
    }

    @Test
    void aStatusIsNamedExactly() {
        assertThat(OrderStatus.named("Ready")).contains(Ready);
        assertThat(OrderStatus.named("ready")).isEmpty();
        assertThat(OrderStatus.named("Eaten")).isEmpty();
    }

    private static Order ordered() {
        return new OrderRequest(7L, 2, "ada")
                .placeAt(new ProductAvailability(7, 4500, ProductStatus.Available, true, 1), PLACED).withId(1);
    }

    /** An order of ada's that has come to {@code status} by the diagram's moves. */
    private static Order in(OrderStatus status) {
        return switch (status) {
            case Ordered -> ordered();
            case Preparing -> ordered().moveTo(Preparing, CLERK, LATER);
            case Ready -> in(Preparing).moveTo(Ready, CLERK, LATER);
            case PickedUp -> in(Ready).moveTo(PickedUp, CLERK, LATER);
            case Cancelled -> ordered().moveTo(Cancelled, CLERK, LATER);
        };
    }
}
