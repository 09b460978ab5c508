package io.sirenorder.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestPostgresTest {

    @Test
    void eachDatabaseIsARealPostgresqlOfItsOwn() throws SQLException {
        TestPostgres.Database first = TestPostgres.newDatabase();
        TestPostgres.Database second = TestPostgres.newDatabase();

        try (Connection one = connect(first); Connection other = connect(second);
             Statement inOne = one.createStatement(); Statement inOther = other.createStatement()) {
            assertThat(one.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            inOne.execute("CREATE TABLE seen (id INTEGER)");
            inOne.execute("INSERT INTO seen VALUES (1)");
            try (ResultSet tables = inOther.executeQuery(
                    "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'seen'")) {
                tables.next();
                assertThat(tables.getInt(1)).isZero();
            }
        }
    }

    private static Connection connect(TestPostgres.Database database) throws SQLException {
        return DriverManager.getConnection(database.url(), database.username(), database.password());
    }
}
