package io.sirenorder.auth.persistence;

import java.sql.Timestamp;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The authorizations auth grants (an authorization code, then the access token issued for it) are kept in auth's
 * database rather than in its heap, where Spring's default keeps every one for good: a sign-in costs a row, and
 * the code one instance issued can be exchanged at another. A row is deleted once its token (or, when none was
 * issued, its code) has expired: the tokens are self-contained JWTs, so nothing needs them afterwards.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class JdbcAuthorizations {

    private static final Logger log = LoggerFactory.getLogger(JdbcAuthorizations.class);

    private final JdbcOperations jdbc;
    private final Clock clock;

    JdbcAuthorizations(JdbcOperations jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Bean
    OAuth2AuthorizationService authorizationService(RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    @Scheduled(fixedDelayString = "10m", initialDelayString = "1m")
    void deleteExpired() {
        int deleted = jdbc.update("""
                DELETE FROM oauth2_authorization
                WHERE COALESCE(access_token_expires_at, authorization_code_expires_at) < ?""",
                Timestamp.from(clock.instant()));
        if (deleted > 0) {
            log.debug("Deleted {} expired authorizations", deleted);
        }
    }
}
