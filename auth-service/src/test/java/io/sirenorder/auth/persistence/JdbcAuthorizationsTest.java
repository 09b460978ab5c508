package io.sirenorder.auth.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.sirenorder.local.SignIn;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class JdbcAuthorizationsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcAuthorizations authorizations;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anAuthorizationIsKeptUntilItsTokenHasExpired() {
        try (SignIn signIn = new SignIn("http://127.0.0.1:" + port)) {
            signIn.accessToken("erin", "erin");
            signIn.accessToken("frank", "frank");
        }
        assertThat(principals()).as("one each, with its token").containsExactly(1L, 1L);
        jdbc.update("UPDATE oauth2_authorization SET access_token_expires_at = ? WHERE principal_name = 'frank'",
                Timestamp.from(Instant.now().minus(Duration.ofMinutes(1))));

        authorizations.deleteExpired();

        assertThat(principals()).containsExactly(1L, 0L);
    }

    /** How many authorizations erin and frank have: new customers, whom no other test signs in. */
    private List<Long> principals() {
        return List.of(count("erin"), count("frank"));
    }

    private long count(String principal) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM oauth2_authorization WHERE principal_name = ?", Long.class,
                principal);
    }
}
