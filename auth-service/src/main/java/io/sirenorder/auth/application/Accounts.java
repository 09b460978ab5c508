package io.sirenorder.auth.application;

import io.sirenorder.auth.domain.Role;
import io.sirenorder.auth.domain.User;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** The users' accounts: finding them, and adding them, with their passwords hashed. */
@Service
public class Accounts {

    private final Users users;
    private final PasswordEncoder passwords;

    public Accounts(Users users, PasswordEncoder passwords) {
        this.users = users;
        this.passwords = passwords;
    }

    public Optional<User> named(String name) {
        return users.named(name);
    }

    /**
     * Adds a user unless one of that name exists, whatever their password and role; whether it was added.
     *
     * @throws io.sirenorder.auth.domain.InvalidUserException when the name breaks the rules
     * @throws IllegalArgumentException when the password is blank
     */
    public boolean addIfAbsent(String name, String password, Role role) {
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("the password of " + name + " is blank");
        }
        return users.named(name).isEmpty() && users.addIfAbsent(new User(name, role, passwords.encode(password)));
    }

    /**
     * A customer who signs in for the first time with their name as their password becomes one: whether this
     * sign-in added them. A name already taken, one that breaks the rules, or another password adds nobody, and the
     * sign-in goes on as any other (it succeeds only with the right password of a known user). Only for a shop run
     * on one machine, where anyone at the keyboard may order as anyone: the caller decides when this applies.
     */
    public boolean addCustomerOnFirstSignIn(String name, String password) {
        if (!User.isValidName(name) || !name.equals(password)) {
            return false;
        }
        return addIfAbsent(name, password, Role.CUSTOMER);
    }
}
