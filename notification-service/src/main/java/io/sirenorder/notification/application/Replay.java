package io.sirenorder.notification.application;

import java.util.List;

/**
 * What a reconnecting client missed, in order. {@code reset} when the history no longer reaches back to where the
 * client was: {@code notices} is then all that is left, and the client had better reload its view.
 */
public record Replay(boolean reset, List<Notice> notices) {

    public Replay {
        notices = List.copyOf(notices);
    }
}
