package io.sirenorder.auth.security;

import io.sirenorder.auth.application.Accounts;
import io.sirenorder.auth.domain.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Adds the users of {@code siren.auth.users} that do not exist yet, before auth reports itself ready. Locally these
 * are the documented {@code clerk} (password {@code clerk}) and {@code alice} (password {@code alice}, a customer);
 * elsewhere nobody unless configured.
 */
@Component
class InitialUsers implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(InitialUsers.class);

    private final AuthProperties properties;
    private final Accounts accounts;

    InitialUsers(AuthProperties properties, Accounts accounts) {
        this.properties = properties;
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (AuthProperties.InitialUser user : properties.users()) {
            Role role = Role.named(user.role());
            if (accounts.addIfAbsent(user.name(), user.password(), role)) {
                log.info("Added {} {}", role.id(), user.name());
            }
        }
    }
}
