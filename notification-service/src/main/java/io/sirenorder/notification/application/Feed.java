package io.sirenorder.notification.application;

import java.util.Arrays;
import java.util.Optional;

/** The event streams notifications come from, each with the letter that stands for it in a {@link Position}. */
public enum Feed {
    PRODUCTS('p'),
    ORDERS('o');

    private final char code;

    Feed(char code) {
        this.code = code;
    }

    public char code() {
        return code;
    }

    static Optional<Feed> ofCode(char code) {
        return Arrays.stream(values()).filter(feed -> feed.code == code).findFirst();
    }
}
