package io.sirenorder.notification.web;

/** The data of a {@code reset} event: an EventSource dispatches no event without data. */
record ResetResponse(String detail) {
}
