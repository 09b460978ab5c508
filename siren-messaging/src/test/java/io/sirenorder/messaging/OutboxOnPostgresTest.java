package io.sirenorder.messaging;

import io.sirenorder.testing.OnPostgres;
import org.springframework.context.annotation.Import;

/**
 * The outbox's suite on PostgreSQL. Spring finds configuration nested in the test class itself only, not in its
 * superclass: the suite's own is imported.
 */
@OnPostgres
@Import(OutboxTest.Metrics.class)
class OutboxOnPostgresTest extends OutboxTest {
}
