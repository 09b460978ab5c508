package io.sirenorder.product.web;

/**
 * A clerk's registration or change. Numbers sent as JSON strings ("3500", as httpie sends them) are accepted;
 * the status is checked by the domain so the answer can name what is allowed.
 */
record ProductRequest(String name, Integer price, String status) {
}
