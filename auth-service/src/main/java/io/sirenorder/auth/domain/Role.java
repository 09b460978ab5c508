package io.sirenorder.auth.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a user may do: every user has exactly one role. */
public enum Role {

    /** Works behind the counter: the catalogue, every order, the reports. */
    CLERK,
    /** Orders for themselves, and sees only their own orders. */
    CUSTOMER;

    /** The role's name in tokens and configuration: {@code clerk}, {@code customer}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role of that name, as {@link #id()} gives it. */
    public static Role named(String id) {
        return Arrays.stream(values())
                .filter(role -> role.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new InvalidUserException("role", "must be one of "
                        + Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", ")) + ", not " + id));
    }
}
