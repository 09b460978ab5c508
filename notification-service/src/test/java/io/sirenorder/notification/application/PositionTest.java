package io.sirenorder.notification.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PositionTest {

    static final Partition P0 = new Partition(Feed.PRODUCTS, 0);
    static final Partition P1 = new Partition(Feed.PRODUCTS, 1);
    static final Partition O0 = new Partition(Feed.ORDERS, 0);

    @Test
    void readsWhatItWritesInAFixedOrder() {
        Position position = Position.NONE.advancedTo(O0, 7).advancedTo(P1, 40).advancedTo(P0, 13);

        assertThat(position).hasToString("p0-13.p1-40.o0-7");
        assertThat(Position.parse(position.toString())).contains(position);
        assertThat(position.next(P1)).isEqualTo(40);
        assertThat(position.next(new Partition(Feed.ORDERS, 2))).as("a partition it never saw").isZero();
    }

    @Test
    void onlyMovesForward() {
        Position position = Position.NONE.advancedTo(P0, 13);

        assertThat(position.advancedTo(P0, 5)).isSameAs(position);
        assertThat(position.precedes(P0, 12)).isFalse();
        assertThat(position.precedes(P0, 13)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "abc", "p0-13.", "x0-1", "p0-", "p-1", "p0--1", "p0-99999999999999999999",
            "p0-1;o0-2"})
    void anythingElseIsNoPosition(String text) {
        assertThat(Position.parse(text)).isEmpty();
    }
}
