package io.sirenorder.auth.application;

import io.sirenorder.auth.domain.User;
import java.util.Optional;

/** Everyone who can sign in, by name. */
public interface Users {

    Optional<User> named(String name);

    /** Stores the user unless one of that name already exists; whether it was stored. */
    boolean addIfAbsent(User user);
}
