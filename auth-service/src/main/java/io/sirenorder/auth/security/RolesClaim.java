package io.sirenorder.auth.security;

import io.sirenorder.auth.domain.Role;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Puts the user's role in every access token, as the claim {@code roles}: {@code ["clerk"]} or {@code
 * ["customer"]}; the subject ({@code sub}) is the user's name. Inside auth a role is the authority {@code
 * ROLE_<role>}, as the services see it too.
 */
@Component
class RolesClaim implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String CLAIM = "roles";
    private static final String PREFIX = "ROLE_";

    static GrantedAuthority authority(Role role) {
        return new SimpleGrantedAuthority(PREFIX + role.id());
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            List<String> roles = context.getPrincipal().getAuthorities().stream()
                    .map(RolesClaim::role)
                    .flatMap(Optional::stream)
                    .toList();
            context.getClaims().claim(CLAIM, roles);
        }
    }

    private static Optional<String> role(GrantedAuthority authority) {
        String name = authority.getAuthority();
        return name != null && name.startsWith(PREFIX) ? Optional.of(name.substring(PREFIX.length()))
                : Optional.empty();
    }
}
