package io.sirenorder.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs a Spring test class's application context on a database of its own in the embedded PostgreSQL
 * ({@link TestPostgres}) instead of the one its properties name, with the same Flyway migrations. Put on a
 * subclass of a suite, it runs that same suite on PostgreSQL. Test classes so annotated that would otherwise
 * share an application context still share it, and its database with it.
 * <p>
 * Spring picks up configuration classes nested in the test class itself, not in its superclass: a subclass
 * imports its suite's ({@code @Import(Suite.Config.class)}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextConfiguration(initializers = PostgresDatabaseInitializer.class)
public @interface OnPostgres {
}
