package io.sirenorder.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "alice", "Bob_2", "c-42", "first.last", "0123456789012345678901234567890123456789"
            + "012345678901234567890123"})
    void aNameIsOneTo64LettersDigitsDashesUnderscoresOrDots(String name) {
        assertThat(new User(name, Role.CUSTOMER, "{bcrypt}x").name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "al ice", "alice!", "a/b", "café", "0123456789012345678901234567890123456789"
            + "0123456789012345678901234"})
    void anyOtherNameIsRefused(String name) {
        assertThatThrownBy(() -> new User(name, Role.CUSTOMER, "{bcrypt}x"))
                .isInstanceOf(InvalidUserException.class)
                .hasMessageStartingWith("name must be 1 to 64");
    }

    @Test
    void aRoleIsNamedAsInTokens() {
        assertThat(Role.named("clerk")).isEqualTo(Role.CLERK);
        assertThat(Role.CUSTOMER.id()).isEqualTo("customer");
        assertThatThrownBy(() -> Role.named("barista")).hasMessage("role must be one of clerk, customer, not barista");
    }

    @Test
    void theHashIsNotShown() {
        assertThat(new User("alice", Role.CUSTOMER, "{bcrypt}secret")).hasToString("User[name=alice, role=customer]");
    }
}
