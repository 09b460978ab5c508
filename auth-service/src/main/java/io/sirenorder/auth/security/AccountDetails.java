package io.sirenorder.auth.security;

import io.sirenorder.auth.application.Accounts;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** The accounts as Spring Security's form login checks them: name, password hash, and the role as authority. */
@Component
class AccountDetails implements UserDetailsService {

    private final Accounts accounts;

    AccountDetails(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String name) {
        return accounts.named(name)
                .map(user -> User.withUsername(user.name())
                        .password(user.passwordHash())
                        .authorities(RolesClaim.authority(user.role()))
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("no user " + name));
    }
}
