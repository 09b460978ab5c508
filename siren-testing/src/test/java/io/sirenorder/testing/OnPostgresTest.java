package io.sirenorder.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

/** What a service's suite gets from {@link OnPostgres}: the embedded PostgreSQL, whatever its own properties say. */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:the-suites-own")
@OnPostgres
class OnPostgresTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
    }

    @Autowired
    DataSource dataSource;

    @Test
    void theDataSourceIsADatabaseOfItsOwnInTheEmbeddedPostgresql() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            assertThat(connection.getCatalog()).startsWith("siren_");
        }
    }
}
