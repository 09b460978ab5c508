package io.sirenorder.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProductAvailabilityTest {

    @Test
    void onlyAnAvailableProductWithAPriceCanBeOrdered() {
        assertThat(availability(3500, ProductStatus.Available, true).obstacles()).isEmpty();
        assertThat(availability(3500, ProductStatus.SoldOut, false).obstacles()).containsExactly(Obstacle.SOLD_OUT);
        assertThat(availability(0, ProductStatus.Available, false).obstacles()).containsExactly(Obstacle.NO_PRICE);
        assertThat(availability(0, ProductStatus.SoldOut, false).obstacles())
                .containsExactly(Obstacle.SOLD_OUT, Obstacle.NO_PRICE);
    }

    @Test
    void theRuleHereAndTheCataloguesWordMustAgree() {
        assertThat(availability(3500, ProductStatus.Available, false).obstacles())
                .containsExactly(Obstacle.REFUSED_BY_CATALOGUE);
        assertThat(availability(0, ProductStatus.Available, true).obstacles()).containsExactly(Obstacle.NO_PRICE);
        assertThat(availability(3500, ProductStatus.SoldOut, true).obstacles()).containsExactly(Obstacle.SOLD_OUT);
    }

    private static ProductAvailability availability(int price, ProductStatus status, boolean orderable) {
        return new ProductAvailability(7, price, status, orderable, 1);
    }
}
