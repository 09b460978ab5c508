package io.sirenorder.report.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class CountedOrderTest {

    private static final Sale LATTES = new Sale(11, 7, 2, 4500);

    @Test
    void aPlacementThenItsCancellationKeepTheSaleToTakeBack() {
        CountedOrder placed = CountedOrder.placed(LATTES);

        assertThat(placed).isEqualTo(new CountedOrder(11, LATTES, true, false));
        assertThat(placed.withCancellation()).isEqualTo(new CountedOrder(11, LATTES, true, true));
    }

    @Test
    void aCancellationArrivingFirstLearnsItsSaleFromThePlacement() {
        CountedOrder cancelledFirst = CountedOrder.cancelledFirst(11);

        assertThat(cancelledFirst).isEqualTo(new CountedOrder(11, null, false, true));
        assertThat(cancelledFirst.withPlacement(LATTES)).isEqualTo(new CountedOrder(11, LATTES, true, true));
    }

    @Test
    void anOrderIsRememberedOnlyForWhatArrivedOfItAndOnlyWithItsOwnSale() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CountedOrder(11, null, false, false));
        assertThatIllegalArgumentException().isThrownBy(() -> new CountedOrder(12, LATTES, true, false));
    }
}
