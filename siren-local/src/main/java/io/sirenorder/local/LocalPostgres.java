package io.sirenorder.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real PostgreSQL server for {@code ./siren up --postgres} and tests, run as its own JVM by {@link LocalSystem}:
 * {@code LocalPostgres --port 5432 --data-dir .siren/postgres/data --databases product,order,report}.
 * <p>
 * zonky's embedded PostgreSQL unpacks the server from a Maven artifact (once per machine, into the temporary
 * directory) and starts it with {@code pg_ctl}. The cluster is created in the data directory on the first start and
 * kept from then on; the databases are created when missing, owned by the role the services log in as. The server
 * listens on localhost only and trusts local connections, like any developer's PostgreSQL. SIGTERM stops the server
 * (a fast shutdown, which closes open connections) and then this JVM; the server logs to this process's output.
 */
public final class LocalPostgres {

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);

    /** The role the services log in as; it owns their databases. */
    static final String USER = "siren";
    static final String PASSWORD = "siren";
    /** The superuser zonky creates the cluster with. */
    private static final String SUPERUSER = "postgres";

    /** More than zonky's 10 s: the first start also creates the cluster, on a machine busy starting everything else. */
    private static final Duration STARTUP_WAIT = Duration.ofMinutes(1);

    record Options(int port, Path dataDir, List<String> databases) {

        static Options parse(String... args) {
            var options = MainOptions.parse(
                    "LocalPostgres --port <port> --data-dir <directory> --databases <name,...>", args);
            return new Options(Integer.parseInt(options.value("--port")),
                    Path.of(options.value("--data-dir")).toAbsolutePath(),
                    List.of(options.value("--databases").split(",")));
        }
    }

    private LocalPostgres() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        // zonky registers a shutdown hook that stops the server: at SIGTERM, and also when this method fails
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setPort(options.port())
                .setDataDirectory(options.dataDir())
                .setCleanDataDirectory(false)
                // PostgreSQL's default, which zonky turns off for throwaway test databases: a commit must survive a
                // crash of the server, as the outbox promises (fsync stays off, so a crash of the machine may not)
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("log_checkpoints", "off")
                // the services are on this machine: nobody on the network needs the databases
                .setServerConfig("listen_addresses", Topology.HOST)
                // the same sorting and messages on every machine, whatever its locale
                .setLocaleConfig("locale", "C")
                .setOutputRedirector(Redirect.INHERIT)
                .setErrorRedirector(Redirect.INHERIT)
                .setPGStartupWait(STARTUP_WAIT)
                .start();
        createMissing(server.getPostgresDatabase(), options.databases());
        readyFile(options.dataDir()).write(ProcessHandle.current().pid());
        log.info("PostgreSQL ready on {}:{}, databases {}, data in {}",
                Topology.HOST, options.port(), options.databases(), options.dataDir());
        Thread.currentThread().join(); // until SIGTERM
    }

    private static void createMissing(DataSource admin, List<String> databases) throws SQLException {
        try (Connection connection = admin.getConnection()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", USER)) {
                execute(connection, "CREATE ROLE " + quoted(USER) + " LOGIN PASSWORD '" + PASSWORD + "'");
            }
            for (String database : databases) {
                if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                    // quoted, because one of them is called order
                    execute(connection, "CREATE DATABASE " + quoted(database) + " OWNER " + quoted(USER));
                    log.info("Created database {}", database);
                }
            }
        }
    }

    /**
     * Whether the LocalPostgres with this pid is ready: it has created what was missing (and said so in its ready
     * file, which names it, so that the file a killed predecessor left counts for nothing) and the server answers.
     * Asked as the superuser, which always exists.
     */
    static boolean isReady(int port, Path dataDir, long pid) {
        if (readyFile(dataDir).read().orElse(-1) != pid) {
            return false;
        }
        try (Connection connection = dataSource(port, "postgres", SUPERUSER).getConnection()) {
            return connection.isValid(2);
        } catch (SQLException serverDown) {
            return false;
        }
    }

    private static PidFile readyFile(Path dataDir) {
        return new PidFile(dataDir.resolveSibling("ready.pid"));
    }

    /** A database as the services see it: on 127.0.0.1, as their role. */
    static DataSource dataSource(int port, String database) {
        PGSimpleDataSource dataSource = dataSource(port, database, USER);
        dataSource.setPassword(PASSWORD);
        return dataSource;
    }

    /** With timeouts fit for a probe. */
    private static PGSimpleDataSource dataSource(int port, String database, String user) {
        var dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {Topology.HOST});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName(database);
        dataSource.setUser(user);
        dataSource.setConnectTimeout(1);
        dataSource.setSocketTimeout(2);
        return dataSource;
    }

    /**
     * The server running in this data directory, found through the pid file PostgreSQL keeps there. It outlives a
     * LocalPostgres killed with SIGKILL, because {@code pg_ctl} starts it detached, so {@link LocalSystem} looks
     * for it after a kill.
     */
    static Optional<ProcessHandle> serverIn(Path dataDir) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
        } catch (NoSuchFileException noServer) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the PostgreSQL pid file in " + dataDir, e);
        }
        if (lines.isEmpty() || !lines.getFirst().strip().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.getFirst().strip()))
                .filter(ProcessHandle::isAlive)
                // the pid may have been reused since
                .filter(process -> process.info().command().filter(path -> path.endsWith("/postgres")).isPresent());
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
