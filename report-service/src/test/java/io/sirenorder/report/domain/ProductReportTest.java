package io.sirenorder.report.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProductReportTest {

    private static final Instant MORNING = Instant.parse("2026-11-25T09:00:00Z");
    private static final ProductDetails LATTE_V1 = new ProductDetails(1, "Latte", 4500, "Available", MORNING);
    private static final ProductDetails LATTE_V2 =
            new ProductDetails(2, "Latte", 5000, "SoldOut", MORNING.plusSeconds(60));

    @Test
    void aNewerVersionReplacesTheDescriptionAndKeepsTheCounts() {
        ProductReport report = described(ProductReport.unseen(7), LATTE_V1).withOrder(2, 4500);

        assertThat(report.describedBy(LATTE_V2))
                .contains(new ProductReport(7, LATTE_V2, 1, 2, 9000, 0));
    }

    @Test
    void aStaleOrRepeatedVersionChangesNothing() {
        ProductReport report = described(ProductReport.unseen(7), LATTE_V2);

        assertThat(report.describedBy(LATTE_V1)).isEmpty();
        assertThat(report.describedBy(LATTE_V2)).isEmpty();
    }

    @Test
    void ordersAreCountedBeforeTheProductIsKnownAndKeptWhenItArrives() {
        ProductReport ordersOnly = ProductReport.unseen(7).withOrder(1, 4500).withOrder(3, 4000);

        assertThat(ordersOnly).isEqualTo(new ProductReport(7, null, 2, 4, 16500, 0));
        assertThat(ordersOnly.displayName()).isEqualTo("Product #7");
        assertThat(described(ordersOnly, LATTE_V1)).isEqualTo(new ProductReport(7, LATTE_V1, 2, 4, 16500, 0));
    }

    @Test
    void aCancelledSaleIsTakenBackAndCountedAsCancelled() {
        ProductReport report = described(ProductReport.unseen(7), LATTE_V1).withOrder(2, 4500).withOrder(1, 5000);

        assertThat(report.withSaleCancelled(2, 4500)).isEqualTo(new ProductReport(7, LATTE_V1, 1, 1, 5000, 1));
    }

    @Test
    void anOrderCancelledBeforeItWasCountedIsOnlyACancellation() {
        ProductReport report = ProductReport.unseen(7).withOrder(1, 5000);

        assertThat(report.withCancelledOrder()).isEqualTo(new ProductReport(7, null, 1, 1, 5000, 1));
    }

    @Test
    void aNewDescriptionKeepsTheCancellations() {
        ProductReport report = ProductReport.unseen(7).withOrder(2, 4500).withSaleCancelled(2, 4500);

        assertThat(described(report, LATTE_V1)).isEqualTo(new ProductReport(7, LATTE_V1, 0, 0, 0, 1));
    }

    @Test
    void revenueDoesNotOverflowAnInt() {
        ProductReport report = ProductReport.unseen(7).withOrder(1000, Integer.MAX_VALUE);

        assertThat(report.revenue()).isEqualTo(1000L * Integer.MAX_VALUE);
        assertThat(report.withSaleCancelled(1000, Integer.MAX_VALUE).revenue()).isZero();
    }

    @Test
    void aProductWithoutANameIsShownByItsId() {
        var unnamed = new ProductDetails(1, null, 4500, "Available", MORNING);
        var blank = new ProductDetails(2, " ", 4500, "Available", MORNING);

        assertThat(described(ProductReport.unseen(7), unnamed).displayName()).isEqualTo("Product #7");
        assertThat(described(ProductReport.unseen(7), blank).displayName()).isEqualTo("Product #7");
        assertThat(described(ProductReport.unseen(7), LATTE_V1).displayName()).isEqualTo("Latte");
    }

    private static ProductReport described(ProductReport report, ProductDetails details) {
        return report.describedBy(details).orElseThrow();
    }
}
