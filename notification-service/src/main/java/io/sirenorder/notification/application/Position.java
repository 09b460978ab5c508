package io.sirenorder.notification.application;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How far a client has got: per partition, the offset of the next record it has not been told about; a partition
 * it does not name it has seen nothing of. Every instance consumes the same records at the same offsets, so a
 * position means the same on all of them, and a client that reconnects to another instance resumes where it was.
 * <p>
 * Its text form is the SSE event id, {@code p0-13.p1-40.o0-7} (feed letter and partition, next offset), made of
 * characters that need no escaping in a header or a query string.
 */
public record Position(SortedMap<Partition, Long> offsets) {

    public static final Position NONE = new Position(new TreeMap<>());

    private static final Pattern PART = Pattern.compile("([a-z])(\\d{1,9})-(\\d{1,18})");

    public Position {
        offsets = Collections.unmodifiableSortedMap(new TreeMap<>(offsets));
    }

    /** The position in {@code text}, or empty when it is not one (a client's id is never trusted to be well formed). */
    public static Optional<Position> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        SortedMap<Partition, Long> next = new TreeMap<>();
        for (String part : text.strip().split("\\.", -1)) {
            Matcher matcher = PART.matcher(part);
            if (!matcher.matches()) {
                return Optional.empty();
            }
            Optional<Feed> feed = Feed.ofCode(matcher.group(1).charAt(0));
            if (feed.isEmpty()) {
                return Optional.empty();
            }
            next.put(new Partition(feed.get(), Integer.parseInt(matcher.group(2))), Long.parseLong(matcher.group(3)));
        }
        return Optional.of(new Position(next));
    }

    /** The offset of the first record in {@code partition} not yet seen. */
    public long next(Partition partition) {
        return offsets.getOrDefault(partition, 0L);
    }

    /** Whether the record at {@code offset} in {@code partition} is beyond this position. */
    public boolean precedes(Partition partition, long offset) {
        return offset >= next(partition);
    }

    /** This position moved forward to {@code nextOffset} in {@code partition}; never backwards. */
    Position advancedTo(Partition partition, long nextOffset) {
        if (offsets.containsKey(partition) && nextOffset <= next(partition)) {
            return this;
        }
        SortedMap<Partition, Long> advanced = new TreeMap<>(offsets);
        advanced.put(partition, nextOffset);
        return new Position(advanced);
    }

    @Override
    public String toString() {
        return offsets.entrySet().stream()
                .map(entry -> "" + entry.getKey().feed().code() + entry.getKey().number() + "-" + entry.getValue())
                .collect(Collectors.joining("."));
    }
}
