package io.sirenorder.report.application;

import io.sirenorder.report.domain.CountedOrder;
import io.sirenorder.report.domain.ProductDetails;
import io.sirenorder.report.domain.ProductReport;
import io.sirenorder.report.domain.Sale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds the reports from what the catalogue and the orders tell. News is delivered at least once, so each is applied
 * in one transaction together with what makes it idempotent (the product version held, what is remembered of the
 * order): a repeated or stale event changes nothing.
 * <p>
 * An order's placement and its cancellation may also arrive in either order, or at the same moment (two instances
 * during a rebalance). Every change to what is remembered of an order is made holding the lock on its product's
 * report, taken first, so that those of one order wait for each other, each taking the two locks in the same order.
 * The one exception is a cancellation that arrives first: its product is not known yet, so it only inserts, and the
 * order's primary key makes a placement inserting at the same moment wait for it and then read it.
 */
@Service
public class ReportProjection {

    private static final Logger log = LoggerFactory.getLogger(ReportProjection.class);

    private final ProductReports reports;
    private final CountedOrders countedOrders;

    public ReportProjection(ProductReports reports, CountedOrders countedOrders) {
        this.reports = reports;
        this.countedOrders = countedOrders;
    }

    /** Takes in the product's new description, unless the report already holds this version or a newer one. */
    @Transactional
    public void describe(long productId, ProductDetails details) {
        ProductReport report = reports.lock(productId);
        report.describedBy(details).ifPresentOrElse(reports::update,
                () -> log.debug("Product {} version {} ignored: version {} already applied",
                        productId, details.version(), report.details().version()));
    }

    /**
     * Counts the order in its product's report, unless it was counted before; an order whose cancellation arrived
     * first is counted as cancelled only.
     */
    @Transactional
    public void count(Sale order) {
        ProductReport report = reports.lock(order.productId());
        Optional<CountedOrder> earlier = rememberedOrAdded(CountedOrder.placed(order));
        if (earlier.isEmpty()) {
            reports.update(report.withOrder(order.quantity(), order.unitPrice()));
            // with its order's trace id, as every line logged while applying an event: where an order went is findable
            log.debug("Order {} counted in the report of product {}", order.orderId(), order.productId());
        } else if (earlier.get().placed()) {
            log.debug("Order {} ignored: already counted", order.orderId());
        } else {
            countedOrders.update(earlier.get().withPlacement(order));
            reports.update(report.withCancelledOrder());
            log.debug("Order {} counted as cancelled in the report of product {}: its cancellation came first",
                    order.orderId(), order.productId());
        }
    }

    /**
     * Takes the order's sale back from its product's report and counts it as cancelled there, unless its
     * cancellation was taken in before. A cancellation that arrives before its order is remembered, and counted
     * once the order arrives.
     *
     * @throws IllegalStateException when the order was counted before the report kept what each order sold: its sale
     *         cannot be taken back, and the event is refused rather than taken in wrongly
     */
    @Transactional
    public void countCancellation(long orderId) {
        Optional<CountedOrder> earlier = rememberedOrAdded(CountedOrder.cancelledFirst(orderId));
        if (earlier.isEmpty()) {
            log.debug("Order {} remembered as cancelled: its placement has not arrived yet", orderId);
            return;
        }
        if (earlier.get().cancelled()) {
            log.debug("Cancellation of order {} ignored: already taken in", orderId);
            return;
        }
        Sale sale = earlier.get().sale();
        if (sale == null) {
            throw new IllegalStateException("Order " + orderId + " was counted before the report kept what each "
                    + "order sold: its cancellation cannot be taken back from its product's report");
        }
        ProductReport report = reports.lock(sale.productId());
        // read again under the report's lock: a second delivery of this cancellation may have taken it in meanwhile
        CountedOrder counted = countedOrders.find(orderId).orElseThrow();
        if (counted.cancelled()) {
            log.debug("Cancellation of order {} ignored: already taken in", orderId);
            return;
        }
        countedOrders.update(counted.withCancellation());
        reports.update(report.withSaleCancelled(sale.quantity(), sale.unitPrice()));
        log.debug("Order {} cancelled in the report of product {}", orderId, sale.productId());
    }

    /**
     * What was remembered of the order before; empty when nothing was, and {@code fresh} now is. Another transaction
     * may remember the order between the look and the insert: the insert then waits for it to commit and fails, and
     * what it stored is read instead. Failing the event would also come right, as its retry reads the order, but it
     * rolls back the batch of events it came in, and an event fails only twice before it is dead-lettered.
     */
    private Optional<CountedOrder> rememberedOrAdded(CountedOrder fresh) {
        Optional<CountedOrder> remembered = countedOrders.find(fresh.orderId());
        if (remembered.isPresent() || countedOrders.add(fresh)) {
            return remembered;
        }
        return Optional.of(countedOrders.find(fresh.orderId()).orElseThrow());
    }
}
