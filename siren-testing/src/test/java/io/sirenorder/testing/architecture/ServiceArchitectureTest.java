package io.sirenorder.testing.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The shared rules, tried on a well-shaped service and on one that breaks each rule once. */
class ServiceArchitectureTest {

    private static final JavaClasses WELL_SHAPED = new ClassFileImporter()
            .importPackages("io.sirenorder.wellshaped");
    private static final JavaClasses MISSHAPEN = new ClassFileImporter()
            .importPackages("io.sirenorder.misshapen");

    static Stream<Arguments> rulesAndTheirViolation() {
        return Stream.of(
                Arguments.of(ServiceArchitecture.domainIsPlainJavaInTheShopsOwnWords,
                        "misshapen.domain.Drink", "java.sql.Timestamp"),
                Arguments.of(ServiceArchitecture.useCasesKnowNoTransport,
                        "misshapen.application.Brewing", "java.sql.Connection"),
                Arguments.of(ServiceArchitecture.useCasesKnowNoAdapters,
                        "misshapen.application.Brewing", "misshapen.web.Counter"),
                Arguments.of(ServiceArchitecture.adaptersKnowNoOtherAdapters,
                        "misshapen.web.Counter", "misshapen.persistence.Shelf"));
    }

    @ParameterizedTest
    @MethodSource("rulesAndTheirViolation")
    void aWellShapedServiceKeepsTheRule(ArchRule rule, String origin, String target) {
        assertThat(rule.evaluate(WELL_SHAPED).getFailureReport().getDetails()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("rulesAndTheirViolation")
    void theRuleFailsOnItsViolationAndNamesIt(ArchRule rule, String origin, String target) {
        List<String> violations = rule.evaluate(MISSHAPEN).getFailureReport().getDetails();

        assertThat(violations).isNotEmpty()
                .allMatch(violation -> violation.contains(origin))
                .anyMatch(violation -> violation.contains(target));
    }
}
