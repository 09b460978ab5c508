package io.sirenorder.events;

/** Checks shared by the event records, so that a record with a missing field can never be built from JSON. */
final class EventInvariants {

    private EventInvariants() {
    }

    static void positive(long value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive");
        }
    }
}
