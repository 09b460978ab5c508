package io.sirenorder.auth.security;

import io.sirenorder.testing.OnPostgres;

/** The sign-ins' suite (users, codes and tokens kept in auth's database) on PostgreSQL. */
@OnPostgres
class LocalSignInOnPostgresTest extends LocalSignInTest {
}
