package io.sirenorder.order.web;

/**
 * The body of {@code POST /orders}; a field left out is {@code null}. {@code customerId} is read but not believed:
 * the seed's clients send it, and the order is the token's subject's.
 */
record PlaceOrderRequest(Long productId, Integer quantity, String customerId) {
}
