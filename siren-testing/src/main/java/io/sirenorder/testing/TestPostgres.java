package io.sirenorder.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for tests, without Docker: one embedded server (zonky's binaries, from Maven Central) per JVM,
 * started on first use, on a free port and in a temporary directory. zonky's own shutdown hook stops it and deletes
 * that directory when the JVM exits. Each caller gets an empty database of its own, so suites sharing the server
 * never see each other's rows.
 */
public final class TestPostgres {

    private static final String USER = "postgres";
    private static final AtomicInteger databases = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** How to reach one database; the server trusts local connections, so the password is empty. */
    public record Database(String url, String username, String password) {
    }

    /** Creates an empty database; the JVM's first call also starts the server (about 2.5 s). */
    public static Database newDatabase() {
        EmbeddedPostgres postgres = server();
        String name = "siren_" + databases.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the database " + name, e);
        }
        return new Database(postgres.getJdbcUrl(USER, name), USER, "");
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                // zonky's defaults suit tests: no fsync, asynchronous commit
                server = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
        }
        return server;
    }
}
