package io.sirenorder.notification.application;

import java.util.Comparator;
import java.util.Objects;

/** One ordered part of a feed (a Kafka topic-partition): every instance sees the same records at the same offsets. */
public record Partition(Feed feed, int number) implements Comparable<Partition> {

    private static final Comparator<Partition> ORDER =
            Comparator.comparing(Partition::feed).thenComparingInt(Partition::number);

    public Partition {
        Objects.requireNonNull(feed, "feed");
        if (number < 0) {
            throw new IllegalArgumentException("partition must be >= 0");
        }
    }

    @Override
    public int compareTo(Partition other) {
        return ORDER.compare(this, other);
    }
}
