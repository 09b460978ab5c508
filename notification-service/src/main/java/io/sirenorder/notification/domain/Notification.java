package io.sirenorder.notification.domain;

/** What customers are told: a change to the menu, or the outcome of one customer's order. */
public sealed interface Notification permits ProductChanged, OrderOutcome {
}
