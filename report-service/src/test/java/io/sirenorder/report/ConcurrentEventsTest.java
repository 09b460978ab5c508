package io.sirenorder.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.sirenorder.report.application.ReportProjection;
import io.sirenorder.report.application.ReportQueries;
import io.sirenorder.report.domain.ProductDetails;
import io.sirenorder.report.domain.ProductReport;
import io.sirenorder.report.domain.Sale;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Events of one product applied at the same moment, each in its own transaction: what the two topics' listeners,
 * or two instances of the service, do. None may be lost to another, or to a failed first insert.
 */
@ReportServiceTest
class ConcurrentEventsTest {

    private static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");

    @Autowired
    ReportProjection projection;
    @Autowired
    ReportQueries queries;

    @Test
    void everyEventOfAProductAppliedAtOnceIsTakenInOnce() throws Exception {
        List<Callable<Void>> events = new ArrayList<>();
        for (int version = 1; version <= 5; version++) {
            var details = new ProductDetails(version, "Tea", 1000 + version, "Available", NOON);
            events.add(() -> {
                projection.describe(401, details);
                return null;
            });
        }
        for (int i = 1; i <= 20; i++) {
            var order = new Sale(4000 + i, 401, 2, 1000);
            for (int delivery = 1; delivery <= 2; delivery++) {
                events.add(() -> {
                    projection.count(order);
                    return null;
                });
            }
        }

        applyAtOnce(events);

        assertThat(queries.ofProduct(401)).contains(new ProductReport(401,
                new ProductDetails(5, "Tea", 1005, "Available", NOON), 20, 40, 40000, 0));
    }

    /**
     * Orders, half of them cancelled, each placement and cancellation delivered twice and all applied at once, some
     * cancellations submitted before their placement: whichever goes first, each counts once.
     */
    @Test
    void ordersAndTheirCancellationsAppliedAtOnceAddUpAsInOrder() throws Exception {
        List<Callable<Void>> events = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            var order = new Sale(4100 + i, 402, 3, 1500);
            Callable<Void> placement = () -> {
                projection.count(order);
                return null;
            };
            Callable<Void> cancellation = () -> {
                projection.countCancellation(order.orderId());
                return null;
            };
            events.addAll(i % 2 == 1 ? List.of(placement, placement)
                    : i % 4 == 0 ? List.of(cancellation, placement, cancellation, placement)
                    : List.of(placement, cancellation, placement, cancellation));
        }

        applyAtOnce(events);

        assertThat(queries.ofProduct(402)).contains(new ProductReport(402, null, 10, 30, 45000, 10));
    }

    private static void applyAtOnce(List<Callable<Void>> events) throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Void> applied : executor.invokeAll(events)) {
                applied.get();
            }
        }
    }
}
