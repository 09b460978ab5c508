package io.sirenorder.auth.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Someone who signs in: a name, which is the subject of their tokens, exactly one role, and the hash of their
 * password (never the password itself).
 *
 * @param name         1 to 64 ASCII letters, digits, {@code -}, {@code _} or {@code .}; case counts
 * @param role         what they may do
 * @param passwordHash their password as the password encoder stored it, with its algorithm ({@code {bcrypt}...})
 */
public record User(String name, Role role, String passwordHash) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public User {
        if (!isValidName(name)) {
            throw new InvalidUserException("name", "must be 1 to 64 letters, digits, '-', '_' or '.', not '"
                    + name + "'");
        }
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
    }

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    @Override
    public String toString() {
        return "User[name=" + name + ", role=" + role.id() + "]";
    }
}
