package io.sirenorder.notification.application;

import io.sirenorder.notification.domain.Notification;

/**
 * A notification as pushed, with where its record was in its partition and {@code id}, the position just past it:
 * a client that has it has seen everything it was to be told up to there.
 */
public record Notice(Partition partition, long offset, Position id, Notification notification) {
}
