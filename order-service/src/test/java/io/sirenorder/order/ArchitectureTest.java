package io.sirenorder.order;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.sirenorder.order", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The ordering rules know nothing of the frameworks and protocols around them. */
    @ArchTest
    static final ArchRule domainIsPlainJava = noClasses().that().resideInAPackage("..order.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                    "java.sql..", "javax.sql..", "jakarta.servlet..", "java.net.http..", "tools.jackson..",
                    "io.github.resilience4j..", "io.sirenorder.messaging..", "io.sirenorder.order.application..",
                    "io.sirenorder.order.web..", "io.sirenorder.order.messaging..",
                    "io.sirenorder.order.persistence..", "io.sirenorder.order.catalog..");
}
