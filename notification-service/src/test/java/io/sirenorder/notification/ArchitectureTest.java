package io.sirenorder.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.sirenorder.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainKnowsNothingOfFrameworksOrTransports = noClasses()
            .that().resideInAPackage("io.sirenorder.notification.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "org.apache.kafka..", "reactor..", "io.netty..",
                    "jakarta.servlet..", "tools.jackson..", "com.fasterxml.jackson..");

    // the use cases are driven by the adapters, never the other way round, and know no web or Kafka either
    @ArchTest
    static final ArchRule applicationKnowsNoAdapters = noClasses()
            .that().resideInAPackage("io.sirenorder.notification.application..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.sirenorder.notification.web..", "io.sirenorder.notification.messaging..",
                    "org.springframework..", "org.apache.kafka..", "reactor..");
}
