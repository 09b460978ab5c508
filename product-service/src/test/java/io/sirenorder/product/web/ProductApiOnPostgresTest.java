package io.sirenorder.product.web;

import io.sirenorder.testing.OnPostgres;

/** The catalogue's suite (register, change, find, versions, outbox) on PostgreSQL. */
@OnPostgres
class ProductApiOnPostgresTest extends ProductApiTest {
}
