package io.sirenorder.order;

import io.sirenorder.testing.OnPostgres;

/** Concurrent moves on PostgreSQL, whose row locks and isolation differ from H2's. */
@OnPostgres
class ConcurrentMovesOnPostgresTest extends ConcurrentMovesTest {
}
