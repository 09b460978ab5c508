package io.sirenorder.report;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The whole service on a random port, against an embedded Kafka broker and an in-memory H2 database. All test
 * classes so annotated share one application context (those also marked {@link io.sirenorder.testing.OnPostgres}
 * share another, on PostgreSQL), so each test keeps to products and orders of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 1)
@Import(ReportTestSupport.class)
public @interface ReportServiceTest {
}
