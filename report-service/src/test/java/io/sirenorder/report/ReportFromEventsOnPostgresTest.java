package io.sirenorder.report;

import io.sirenorder.testing.OnPostgres;

/** The projection's suite (events in any order, repeated or stale, poison) on PostgreSQL. */
@OnPostgres
class ReportFromEventsOnPostgresTest extends ReportFromEventsTest {
}
