package io.sirenorder.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrderRequestTest {

    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    @Test
    void quantityDefaultsToOneAndCustomerIsOptional() {
        assertThat(new OrderRequest(7L, null, null)).isEqualTo(new OrderRequest(7L, 1, null));
    }

    @Test
    void quantityIsOneToOneHundredAndACustomerIdAtMostSixtyFourCharacters() {
        assertThat(new OrderRequest(7L, 100, "c".repeat(64)).quantity()).isEqualTo(100);
        assertThatThrownBy(() -> new OrderRequest(7L, 101, "c".repeat(65)))
                .isInstanceOfSatisfying(InvalidOrderException.class, e -> assertThat(e.violations()).containsExactly(
                        new Violation("quantity", "must be at most 100"),
                        new Violation("customerId", "must be at most 64 characters long")));
    }

    @Test
    void everyBrokenRuleIsNamed() {
        assertThatThrownBy(() -> new OrderRequest(null, 0, " "))
                .isInstanceOfSatisfying(InvalidOrderException.class, e -> assertThat(e.violations()).containsExactly(
                        new Violation("productId", "is required"),
                        new Violation("quantity", "must be at least 1"),
                        new Violation("customerId", "must not be blank")));
        assertThatThrownBy(() -> new OrderRequest(-1L, -5, "c".repeat(65)))
                .isInstanceOfSatisfying(InvalidOrderException.class, e -> assertThat(e.violations()).containsExactly(
                        new Violation("productId", "must be a positive number"),
                        new Violation("quantity", "must be at least 1"),
                        new Violation("customerId", "must be at most 64 characters long")));
    }

    @Test
    void aRequestBecomesAnOrderAtTheQuotedPrice() {
        Order order = new OrderRequest(7L, 3, "ada").placeAt(availability(4500, ProductStatus.Available, true), NOW);

        assertThat(order).isEqualTo(new Order(null, 7, 3, 4500, "ada", OrderStatus.Ordered, NOW,
                CheckedAgainst.Catalogue, 1, NOW));
        assertThat(order.totalPrice()).isEqualTo(13_500);
    }

    @Test
    void aProductThatCannotBeOrderedIsRefusedSayingWhy() {
        OrderRequest request = new OrderRequest(7L, 1, null);

        assertThatThrownBy(() -> request.placeAt(availability(4500, ProductStatus.SoldOut, false), NOW))
                .isInstanceOfSatisfying(ProductNotOrderableException.class,
                        e -> assertThat(e.obstacles()).containsExactly(Obstacle.SOLD_OUT))
                .hasMessage("Product 7 cannot be ordered now: it is sold out.");
        assertThatThrownBy(() -> request.placeAt(availability(0, ProductStatus.Available, true), NOW))
                .hasMessage("Product 7 cannot be ordered now: it has no price.");
        assertThatThrownBy(() -> request.placeAt(availability(0, ProductStatus.SoldOut, false), NOW))
                .hasMessage("Product 7 cannot be ordered now: it is sold out and has no price.");
        assertThatThrownBy(() -> request.placeAt(availability(4500, ProductStatus.Available, false), NOW))
                .hasMessage("Product 7 cannot be ordered now: it is not offered by the catalogue.");
    }

    @Test
    void anotherProductsAvailabilityDecidesNothing() {
        var otherProduct = new ProductAvailability(8, 4500, ProductStatus.Available, true, 1);

        assertThatThrownBy(() -> new OrderRequest(7L, 1, null).placeAt(otherProduct, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void degradedARequestBecomesAnOrderAtTheMenusLastKnownPriceMarkedAsSo() {
        Order order = new OrderRequest(7L, 2, "ada").placeFromMenu(menuItem(4200, ProductStatus.Available), NOW);

        assertThat(order).isEqualTo(new Order(null, 7, 2, 4200, "ada", OrderStatus.Ordered, NOW, CheckedAgainst.Menu, 1,
                NOW));
    }

    @Test
    void degradedTheMenuRefusesWhatTheOrderingRuleRefuses() {
        OrderRequest request = new OrderRequest(7L, 1, null);

        assertThatThrownBy(() -> request.placeFromMenu(menuItem(4500, ProductStatus.SoldOut), NOW))
                .isInstanceOfSatisfying(ProductNotOrderableException.class,
                        e -> assertThat(e.obstacles()).containsExactly(Obstacle.SOLD_OUT))
                .hasMessage("Product 7 cannot be ordered now: it is sold out.");
        assertThatThrownBy(() -> request.placeFromMenu(menuItem(0, ProductStatus.Available), NOW))
                .hasMessage("Product 7 cannot be ordered now: it has no price.");
        assertThatThrownBy(() -> request.placeFromMenu(new MenuItem(8, 1, null, 4500, ProductStatus.Available), NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTheAcceptFromMenuPolicyAcceptsFromTheMenu() {
        assertThat(WhenCatalogueUnavailable.REFUSE.acceptsFromMenu()).isFalse();
        assertThat(WhenCatalogueUnavailable.ACCEPT_FROM_MENU.acceptsFromMenu()).isTrue();
    }

    @Test
    void theTotalOfTheLargestOrderDoesNotOverflow() {
        Order order = new OrderRequest(7L, OrderRequest.MAX_QUANTITY, null)
                .placeAt(availability(Integer.MAX_VALUE, ProductStatus.Available, true), NOW);

        assertThat(order.totalPrice()).isEqualTo(100L * Integer.MAX_VALUE);
    }

    private static MenuItem menuItem(int price, ProductStatus status) {
        return new MenuItem(7, 3, "Latte", price, status);
    }

    private static ProductAvailability availability(int price, ProductStatus status, boolean orderable) {
        return new ProductAvailability(7, price, status, orderable, 1);
    }
}
