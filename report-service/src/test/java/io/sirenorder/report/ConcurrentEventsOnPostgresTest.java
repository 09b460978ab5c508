package io.sirenorder.report;

import io.sirenorder.testing.OnPostgres;

/** The concurrency suite on PostgreSQL, whose row locks and savepoints it relies on. */
@OnPostgres
class ConcurrentEventsOnPostgresTest extends ConcurrentEventsTest {
}
