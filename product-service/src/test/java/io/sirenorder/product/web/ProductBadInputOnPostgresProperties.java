package io.sirenorder.product.web;

import io.sirenorder.testing.OnPostgres;

/**
 * The bad-input properties on PostgreSQL, which is stricter than H2 about what text can hold (no NUL): in the context
 * {@link ProductApiOnPostgresTest} starts.
 */
@OnPostgres
class ProductBadInputOnPostgresProperties extends ProductBadInputProperties {
}
