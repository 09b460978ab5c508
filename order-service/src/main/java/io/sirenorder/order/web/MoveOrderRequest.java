package io.sirenorder.order.web;

/** The body of {@code PATCH /orders/{id}}: the status to move the order to; left out, it is {@code null}. */
record MoveOrderRequest(String status) {
}
