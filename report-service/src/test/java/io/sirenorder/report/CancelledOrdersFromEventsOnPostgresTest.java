package io.sirenorder.report;

import io.sirenorder.testing.OnPostgres;

/** Cancellations after, before and again after their orders, and the kitchen's moves, on PostgreSQL. */
@OnPostgres
class CancelledOrdersFromEventsOnPostgresTest extends CancelledOrdersFromEventsTest {
}
