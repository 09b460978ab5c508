package io.sirenorder.auth.persistence;

import io.sirenorder.auth.application.Users;
import io.sirenorder.auth.domain.Role;
import io.sirenorder.auth.domain.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcUsers implements Users {

    private final JdbcClient jdbc;

    JdbcUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<User> named(String name) {
        return jdbc.sql("SELECT name, role, password_hash FROM users WHERE name = ?")
                .param(name)
                .query(JdbcUsers::user)
                .optional();
    }

    @Override
    public boolean addIfAbsent(User user) {
        try {
            return jdbc.sql("INSERT INTO users (name, role, password_hash) VALUES (?, ?, ?)")
                    .params(user.name(), user.role().id(), user.passwordHash())
                    .update() == 1;
        } catch (DuplicateKeyException addedMeanwhile) {
            return false;
        }
    }

    private static User user(ResultSet row, int rowNum) throws SQLException {
        return new User(row.getString("name"), Role.named(row.getString("role")), row.getString("password_hash"));
    }
}
