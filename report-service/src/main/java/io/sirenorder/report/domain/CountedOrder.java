package io.sirenorder.report.domain;

/**
 * What the report remembers of one order, so that its placement and its cancellation are each taken in once,
 * whichever arrives first and however often: whether each has arrived, and the {@code sale} the placement brought,
 * which a later cancellation takes back. {@code sale} is null while only the cancellation has arrived (its product
 * is not known yet), and for an order counted before the report kept its sale.
 */
public record CountedOrder(long orderId, Sale sale, boolean placed, boolean cancelled) {

    public CountedOrder {
        if (!placed && !cancelled) {
            throw new IllegalArgumentException("an order is remembered once its placement or cancellation arrived");
        }
        if (sale != null && sale.orderId() != orderId) {
            throw new IllegalArgumentException("sale of order " + sale.orderId() + " is not order " + orderId + "'s");
        }
    }

    /** An order whose placement arrived first. */
    public static CountedOrder placed(Sale sale) {
        return new CountedOrder(sale.orderId(), sale, true, false);
    }

    /** An order whose cancellation arrived before its placement. */
    public static CountedOrder cancelledFirst(long orderId) {
        return new CountedOrder(orderId, null, false, true);
    }

    /** This order with its placement arrived, bringing {@code placedSale}. */
    public CountedOrder withPlacement(Sale placedSale) {
        return new CountedOrder(orderId, placedSale, true, cancelled);
    }

    /** This order with its cancellation arrived. */
    public CountedOrder withCancellation() {
        return new CountedOrder(orderId, sale, placed, true);
    }
}
