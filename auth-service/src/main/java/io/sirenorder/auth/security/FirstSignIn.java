package io.sirenorder.auth.security;

import io.sirenorder.auth.application.Accounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Locally only ({@code siren.auth.customers-on-first-sign-in}, which the {@code local} profile turns on): a customer
 * is made on first use. Signing in with a name nobody has yet and that very name as the password first adds a
 * customer of that name; the sign-in then goes on as any other and succeeds. So {@code ./siren token customer bob}
 * and the web app need no sign-up: {@code bob} / {@code bob} is a customer from the first sign-in on. A known user
 * with a wrong password, or a name that breaks the rules, gets nothing new, and their sign-in fails as usual.
 * <p>
 * Tried before the password check, and never authenticates anyone itself (it answers {@code null}, so the check
 * that follows decides).
 */
final class FirstSignIn implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(FirstSignIn.class);

    private final Accounts accounts;

    FirstSignIn(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Authentication authenticate(Authentication signIn) {
        if (signIn.getCredentials() instanceof String password
                && accounts.addCustomerOnFirstSignIn(signIn.getName(), password)) {
            log.info("Added customer {} at their first sign-in", signIn.getName());
        }
        return null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
