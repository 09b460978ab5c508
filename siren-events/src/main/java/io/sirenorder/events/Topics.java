package io.sirenorder.events;

/**
 * One topic per aggregate stream. Records are keyed by the aggregate id, so all events of one product
 * (or one order) land on one partition and stay in order.
 */
public final class Topics {

    public static final String PRODUCT_EVENTS = "siren.product-events";
    public static final String ORDER_EVENTS = "siren.order-events";

    /** Where a consumer puts a record of {@code topic} that it could not read or apply. */
    public static String deadLetter(String topic) {
        return topic + ".dlt";
    }

    private Topics() {
    }
}
