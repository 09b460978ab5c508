package io.sirenorder.testing;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points an application context's data source at a new database in the embedded PostgreSQL; see {@link OnPostgres}. */
public class PostgresDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPostgres.Database database = TestPostgres.newDatabase();
        // first, so that it wins over the test's own properties, which name H2
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("embedded-postgres", Map.of(
                "spring.datasource.url", database.url(),
                "spring.datasource.username", database.username(),
                "spring.datasource.password", database.password())));
    }
}
