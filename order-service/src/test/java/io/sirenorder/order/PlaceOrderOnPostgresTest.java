package io.sirenorder.order;

import io.sirenorder.testing.OnPostgres;

/** The suite of stored, announced and refused orders on PostgreSQL. */
@OnPostgres
class PlaceOrderOnPostgresTest extends PlaceOrderTest {
}
