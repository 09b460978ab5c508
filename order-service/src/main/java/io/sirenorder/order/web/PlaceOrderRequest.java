package io.sirenorder.order.web;

/** The body of {@code POST /orders}; a field left out is {@code null}. */
record PlaceOrderRequest(Long productId, Integer quantity, String customerId) {
}
