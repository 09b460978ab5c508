package io.sirenorder.notification.domain;

/** What is told: a change to the menu, or news of one order (placed, or moved along). */
public sealed interface Notification permits ProductChanged, OrderNotification {
}
