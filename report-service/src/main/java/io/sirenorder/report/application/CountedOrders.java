package io.sirenorder.report.application;

/** The orders already counted in the reports, so that an order delivered twice is counted once. */
public interface CountedOrders {

    /** Marks {@code orderId} as counted; false when it already was. */
    boolean markCounted(long orderId);
}
