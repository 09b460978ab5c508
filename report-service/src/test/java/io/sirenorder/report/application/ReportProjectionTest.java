package io.sirenorder.report.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.sirenorder.report.domain.CountedOrder;
import io.sirenorder.report.domain.ProductDetails;
import io.sirenorder.report.domain.ProductReport;
import io.sirenorder.report.domain.Sale;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReportProjectionTest {

    private static final Instant MORNING = Instant.parse("2026-11-25T09:00:00Z");

    private final InMemoryReports reports = new InMemoryReports();
    private final InMemoryCountedOrders countedOrders = new InMemoryCountedOrders();
    private final ReportProjection projection = new ReportProjection(reports, countedOrders);

    @Test
    void anOrderDeliveredTwiceIsCountedOnce() {
        var order = new Sale(11, 7, 2, 4500);

        projection.count(order);
        projection.count(order);

        assertThat(reports.findById(7)).contains(new ProductReport(7, null, 1, 2, 9000, 0));
    }

    @Test
    void aStaleProductStateArrivingAfterANewerOneIsIgnored() {
        projection.describe(7, new ProductDetails(2, "Latte", 5000, "SoldOut", MORNING));
        projection.describe(7, new ProductDetails(1, "Latte", 4500, "Available", MORNING));

        assertThat(reports.findById(7)).contains(
                new ProductReport(7, new ProductDetails(2, "Latte", 5000, "SoldOut", MORNING), 0, 0, 0, 0));
    }

    @Test
    void ordersPlacedBeforeTheProductIsKnownAreKept() {
        projection.count(new Sale(11, 7, 1, 4500));
        projection.describe(7, new ProductDetails(1, "Latte", 4500, "Available", MORNING));
        projection.count(new Sale(12, 7, 2, 4500));

        assertThat(reports.findById(7)).contains(
                new ProductReport(7, new ProductDetails(1, "Latte", 4500, "Available", MORNING), 2, 3, 13500, 0));
    }

    @Test
    void aCancelledOrderIsNoLongerASaleButACancellation() {
        projection.count(new Sale(11, 7, 2, 4500));
        projection.count(new Sale(12, 7, 1, 5000));

        projection.countCancellation(11);

        assertThat(reports.findById(7)).contains(new ProductReport(7, null, 1, 1, 5000, 1));
    }

    @Test
    void aCancellationDeliveredTwiceIsTakenInOnce() {
        projection.count(new Sale(11, 7, 2, 4500));
        projection.count(new Sale(12, 7, 1, 5000));

        projection.countCancellation(11);
        projection.countCancellation(11);

        assertThat(reports.findById(7)).contains(new ProductReport(7, null, 1, 1, 5000, 1));
    }

    @Test
    void aCancellationBeforeItsOrderAndTheOrderDeliveredTwiceGiveTheSameTotalsAsInOrder() {
        projection.count(new Sale(12, 7, 1, 5000));

        projection.countCancellation(11);
        assertThat(reports.findById(7)).contains(new ProductReport(7, null, 1, 1, 5000, 0));
        projection.count(new Sale(11, 7, 2, 4500));
        projection.count(new Sale(11, 7, 2, 4500));
        projection.countCancellation(11);

        assertThat(reports.findById(7)).contains(new ProductReport(7, null, 1, 1, 5000, 1));
        assertThat(countedOrders.find(11)).contains(new CountedOrder(11, new Sale(11, 7, 2, 4500), true, true));
    }

    @Test
    void anOrderRememberedByAnotherTransactionMeanwhileIsReadInsteadOfCountedAgain() {
        // a placement while another instance takes in the order's cancellation, which came first
        countedOrders.addedMeanwhileByAnother(CountedOrder.cancelledFirst(11));
        projection.count(new Sale(11, 7, 2, 4500));

        // a cancellation while another instance counts the order's placement
        countedOrders.addedMeanwhileByAnother(CountedOrder.placed(new Sale(12, 7, 1, 5000)));
        reports.update(reports.lock(7).withOrder(1, 5000));
        projection.countCancellation(12);

        assertThat(reports.findById(7)).contains(new ProductReport(7, null, 0, 0, 0, 2));
    }

    @Test
    void theCancellationOfAnOrderCountedWithoutItsSaleIsRefusedAndChangesNothing() {
        projection.count(new Sale(12, 7, 1, 5000));
        // as the report remembered an order before it kept what each order sold
        countedOrders.add(new CountedOrder(11, null, true, false));

        assertThatIllegalStateException().isThrownBy(() -> projection.countCancellation(11))
                .withMessageContaining("Order 11");
        assertThat(reports.findById(7)).contains(new ProductReport(7, null, 1, 1, 5000, 0));
        assertThat(countedOrders.find(11)).contains(new CountedOrder(11, null, true, false));
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

        private final Map<Long, CountedOrder> byId = new HashMap<>();
        private final Map<Long, CountedOrder> uncommitted = new HashMap<>();

        /** As another transaction that has stored {@code order} but not committed yet: a find misses it, an add not. */
        void addedMeanwhileByAnother(CountedOrder order) {
            uncommitted.put(order.orderId(), order);
        }

        @Override
        public Optional<CountedOrder> find(long orderId) {
            return Optional.ofNullable(byId.get(orderId));
        }

        @Override
        public boolean add(CountedOrder order) {
            CountedOrder committedMeanwhile = uncommitted.remove(order.orderId());
            if (committedMeanwhile != null) {
                byId.put(order.orderId(), committedMeanwhile);
                return false;
            }
            return byId.putIfAbsent(order.orderId(), order) == null;
        }

        @Override
        public void update(CountedOrder order) {
            byId.put(order.orderId(), order);
        }
    }
}
