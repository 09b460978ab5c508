package io.sirenorder.report.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.sirenorder.report.domain.ProductDetails;
import io.sirenorder.report.domain.ProductReport;
import io.sirenorder.report.domain.Sale;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReportProjectionTest {

    private static final Instant MORNING = Instant.parse("2026-11-25T09:00:00Z");

    private final InMemoryReports reports = new InMemoryReports();
    private final ReportProjection projection = new ReportProjection(reports, new InMemoryCountedOrders());

    @Test
    void anOrderDeliveredTwiceIsCountedOnce() {
        var order = new Sale(11, 7, 2, 4500);

        projection.count(order);
        projection.count(order);

        assertThat(reports.findById(7)).contains(new ProductReport(7, null, 1, 2, 9000));
    }

    @Test
    void aStaleProductStateArrivingAfterANewerOneIsIgnored() {
        projection.describe(7, new ProductDetails(2, "Latte", 5000, "SoldOut", MORNING));
        projection.describe(7, new ProductDetails(1, "Latte", 4500, "Available", MORNING));

        assertThat(reports.findById(7)).contains(
                new ProductReport(7, new ProductDetails(2, "Latte", 5000, "SoldOut", MORNING), 0, 0, 0));
    }

    @Test
    void ordersPlacedBeforeTheProductIsKnownAreKept() {
        projection.count(new Sale(11, 7, 1, 4500));
        projection.describe(7, new ProductDetails(1, "Latte", 4500, "Available", MORNING));
        projection.count(new Sale(12, 7, 2, 4500));

        assertThat(reports.findById(7)).contains(
                new ProductReport(7, new ProductDetails(1, "Latte", 4500, "Available", MORNING), 2, 3, 13500));
    }

    private static class InMemoryReports implements ProductReports {

        private final Map<Long, ProductReport> byId = new TreeMap<>();

        @Override
        public Optional<ProductReport> findById(long productId) {
            return Optional.ofNullable(byId.get(productId));
        }

        @Override
        public List<ProductReport> findAll() {
            return new ArrayList<>(byId.values());
        }

        @Override
        public ProductReport lock(long productId) {
            return byId.computeIfAbsent(productId, ProductReport::unseen);
        }

        @Override
        public void update(ProductReport report) {
            byId.put(report.productId(), report);
        }
    }

    private static class InMemoryCountedOrders implements CountedOrders {

        private final Set<Long> orderIds = new HashSet<>();

        @Override
        public boolean markCounted(long orderId) {
            return orderIds.add(orderId);
        }
    }
}
