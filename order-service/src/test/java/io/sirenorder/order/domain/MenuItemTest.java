package io.sirenorder.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MenuItemTest {

    @Test
    void onlyAnAvailableProductWithAPriceCanBeOrdered() {
        assertThat(new MenuItem(1, 1, "Latte", 3000, ProductStatus.Available).isOrderable()).isTrue();
        assertThat(new MenuItem(1, 1, "Latte", 3000, ProductStatus.SoldOut).isOrderable()).isFalse();
        assertThat(new MenuItem(1, 1, "Latte", 0, ProductStatus.Available).isOrderable()).isFalse();
    }

    @Test
    void aProductWithoutNameIsShownByItsNumber() {
        assertThat(new MenuItem(7, 1, null, 3000, ProductStatus.Available).displayName()).isEqualTo("Product #7");
        assertThat(new MenuItem(7, 1, " ", 3000, ProductStatus.Available).displayName()).isEqualTo("Product #7");
        assertThat(new MenuItem(7, 1, "Mocha", 3000, ProductStatus.Available).displayName()).isEqualTo("Mocha");
    }

    @Test
    void onlyANewerVersionReplacesTheCopy() {
        var version2 = new MenuItem(7, 2, "Mocha", 3000, ProductStatus.SoldOut);

        assertThat(new MenuItem(7, 3, "Mocha", 3000, ProductStatus.Available).supersedes(version2)).isTrue();
        assertThat(new MenuItem(7, 2, "Mocha", 3000, ProductStatus.Available).supersedes(version2)).isFalse();
        assertThat(new MenuItem(7, 1, "Mocha", 3000, ProductStatus.Available).supersedes(version2)).isFalse();
        assertThat(new MenuItem(8, 3, "Mocha", 3000, ProductStatus.Available).supersedes(version2)).isFalse();
    }
}
