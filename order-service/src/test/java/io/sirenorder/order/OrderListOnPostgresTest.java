package io.sirenorder.order;

import io.sirenorder.testing.OnPostgres;

/** The paging suite on PostgreSQL. */
@OnPostgres
class OrderListOnPostgresTest extends OrderListTest {
}
