package io.sirenorder.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.sirenorder.local.Service.POSTGRES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database of {@code ./siren up --postgres}: its own process, on a free port, storing under a home directory. */
class LocalPostgresTest {

    @TempDir
    Path home;

    private LocalSystem system;

    @BeforeEach
    void startPostgres() {
        system = LocalSystem.builder().homeDir(home).postgres().services(POSTGRES).freePorts().build();
        system.startAll();
    }

    @AfterEach
    void stopPostgres() {
        system.close();
    }

    @Test
    void eachServiceHasADatabaseOfItsOwnThatKeepsItsDataAcrossARestartAndACrash() throws Exception {
        for (String database : List.of("product", "order", "report")) {
            assertThat(query(database, "SELECT pg_get_userbyid(datdba) FROM pg_database"
                    + " WHERE datname = current_database()")).as("the owner of %s", database).containsExactly("siren");
        }
        update("order", "CREATE TABLE orders (id int PRIMARY KEY)");
        update("order", "INSERT INTO orders VALUES (1)");

        system.stop(POSTGRES);
        assertThat(Ports.isListening(system.port(POSTGRES))).isFalse();
        system.start(POSTGRES);
        update("order", "INSERT INTO orders VALUES (2)");

        system.kill(POSTGRES);
        assertThat(Ports.isListening(system.port(POSTGRES))).as("the server crashed with its LocalPostgres").isFalse();
        system.start(POSTGRES);

        assertThat(query("order", "SELECT id FROM orders ORDER BY id")).containsExactly("1", "2");
        assertThat(home.resolve("postgres/data/PG_VERSION")).exists();
    }

    @Test
    void aServerThatOutlivedItsKilledLocalPostgresIsNamedAndEndedByStop() throws Exception {
        ProcessHandle localPostgres = system.process(POSTGRES).orElseThrow();
        // what kill -9 in a terminal does: only the JVM dies; the server, which pg_ctl started detached, runs on
        localPostgres.destroyForcibly();
        localPostgres.onExit().get(10, TimeUnit.SECONDS);
        ProcessHandle server = LocalPostgres.serverIn(home.resolve("postgres/data")).orElseThrow();

        assertThatThrownBy(system::startAll).hasMessageContaining(
                "a PostgreSQL server (pid " + server.pid() + ") whose LocalPostgres was killed still runs in");

        system.stop(POSTGRES);
        assertThat(server.isAlive()).isFalse();
        assertThat(Ports.isListening(system.port(POSTGRES))).isFalse();
    }

    private void update(String database, String sql) throws SQLException {
        try (Connection connection = LocalPostgres.dataSource(system.port(POSTGRES), database).getConnection();
             var statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private List<String> query(String database, String sql) throws SQLException {
        try (Connection connection = LocalPostgres.dataSource(system.port(POSTGRES), database).getConnection();
             var statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (result.next()) {
                values.add(result.getString(1));
            }
            return values;
        }
    }
}
