package io.sirenorder.auth.domain;

/** A user's name or role breaks a rule; nothing was stored. */
public class InvalidUserException extends RuntimeException {

    private final String field;

    public InvalidUserException(String field, String message) {
        super(field + " " + message);
        this.field = field;
    }

    /** {@code name} or {@code role}. */
    public String field() {
        return field;
    }
}
