package io.sirenorder.misshapen.domain;

import java.sql.Timestamp;

/** Breaks the first rule: a database type in the domain. */
public record Drink(String name, Timestamp brewedAt) {
}
