package io.sirenorder.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sirenorder.events.CheckedAgainst;
import io.sirenorder.events.ProductStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrderRequestTest {

    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    @Test
    void quantityDefaultsToOneAndCustomerIsOptional() {
        assertThat(OrderRequest.of(7L, null, null)).isEqualTo(new OrderRequest(7, 1, null));
    }

    @Test
    void quantityIsOneToOneHundredAndACustomerIdAtMostSixtyFourCharacters() {
        assertThat(OrderRequest.of(7L, 100, "c".repeat(64)).quantity()).isEqualTo(100);
        assertThatThrownBy(() -> OrderRequest.of(7L, 101, "c".repeat(65)))
                .isInstanceOfSatisfying(InvalidOrderException.class, e -> assertThat(e.violations()).containsExactly(
                        new Violation("quantity", "must be at most 100"),
                        new Violation("customerId", "must be at most 64 characters long")));
    }

    @Test
    void everyBrokenRuleIsNamed() {
        assertThatThrownBy(() -> OrderRequest.of(null, 0, " "))
                .isInstanceOfSatisfying(InvalidOrderException.class, e -> assertThat(e.violations()).containsExactly(
                        new Violation("productId", "is required"),
                        new Violation("quantity", "must be at least 1"),
                        new Violation("customerId", "must not be blank")));
        assertThatThrownBy(() -> OrderRequest.of(-1L, -5, "c".repeat(65)))
                .isInstanceOfSatisfying(InvalidOrderException.class, e -> assertThat(e.violations()).containsExactly(
                        new Violation("productId", "must be a positive number"),
                        new Violation("quantity", "must be at least 1"),
                        new Violation("customerId", "must be at most 64 characters long")));
    }

    @Test
    void anInvalidRequestCannotBeBuiltDirectlyEither() {
        assertThatThrownBy(() -> new OrderRequest(1, 0, null)).isInstanceOf(InvalidOrderException.class);
        assertThatThrownBy(() -> new OrderRequest(1, 101, null)).isInstanceOf(InvalidOrderException.class);
    }

    @Test
    void aRequestBecomesAnOrderAtTheQuotedPrice() {
        Order order = OrderRequest.of(7L, 3, "ada").placeAt(availability(4500, ProductStatus.Available, true), NOW);

        assertThat(order).isEqualTo(new Order(null, 7, 3, 4500, "ada", OrderStatus.Ordered, NOW,
                CheckedAgainst.Catalogue));
        assertThat(order.totalPrice()).isEqualTo(13_500);
    }

    @Test
    void aProductThatCannotBeOrderedIsRefusedSayingWhy() {
        OrderRequest request = OrderRequest.of(7L, 1, null);

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

        assertThatThrownBy(() -> OrderRequest.of(7L, 1, null).placeAt(otherProduct, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void degradedARequestBecomesAnOrderAtTheMenusLastKnownPriceMarkedAsSo() {
        Order order = OrderRequest.of(7L, 2, "ada").placeFromMenu(menuItem(4200, ProductStatus.Available), NOW);

        assertThat(order).isEqualTo(new Order(null, 7, 2, 4200, "ada", OrderStatus.Ordered, NOW, CheckedAgainst.Menu));
    }

    @Test
    void degradedTheMenuRefusesWhatTheOrderingRuleRefuses() {
        OrderRequest request = OrderRequest.of(7L, 1, null);

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
        Order order = OrderRequest.of(7L, OrderRequest.MAX_QUANTITY, null)
                .placeAt(availability(Integer.MAX_VALUE, ProductStatus.Available, true), NOW);

        assertThat(order.totalPrice()).isEqualTo(100L * Integer.MAX_VALUE);
    }

    @Test
    void nothingIsSoldForFree() {
        assertThatThrownBy(() -> new Order(null, 7, 1, 0, null, OrderStatus.Ordered, NOW, CheckedAgainst.Catalogue))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static MenuItem menuItem(int price, ProductStatus status) {
        return new MenuItem(7, 3, "Latte", price, status);
    }

    private static ProductAvailability availability(int price, ProductStatus status, boolean orderable) {
        return new ProductAvailability(7, price, status, orderable, 1);
    }
}
