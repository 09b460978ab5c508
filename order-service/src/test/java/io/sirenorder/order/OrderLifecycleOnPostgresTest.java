package io.sirenorder.order;

import io.sirenorder.testing.OnPostgres;

/** The lifecycle and the queue on PostgreSQL. */
@OnPostgres
class OrderLifecycleOnPostgresTest extends OrderLifecycleTest {
}
