package io.sirenorder.order;

import io.sirenorder.testing.OnPostgres;

/** The menu replica's suite (upserts, stale and repeated versions) on PostgreSQL. */
@OnPostgres
class MenuReplicaOnPostgresTest extends MenuReplicaTest {
}
