package io.sirenorder.report.domain;

/** One placed order as the report counts it: {@code quantity} items of a product at {@code unitPrice} KRW each. */
public record Sale(long orderId, long productId, int quantity, int unitPrice) {
}
