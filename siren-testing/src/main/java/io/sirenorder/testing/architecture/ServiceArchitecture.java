package io.sirenorder.testing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;
import java.util.Set;

/**
 * The shape every service has: a hexagon. {@code io.sirenorder.<service>.domain} holds the rules in plain Java and
 * the shop's own words; {@code application} the use cases and the ports they need; every other package of the
 * service is an adapter ({@code web}, {@code messaging}, {@code persistence}, ...) that drives the use cases or
 * implements a port. The published events and the messaging infrastructure are known to adapters only.
 * <p>
 * A service applies all of it with one field in a test analysing its own classes:
 * <pre>{@code
 * @AnalyzeClasses(packages = "io.sirenorder.order", importOptions = ImportOption.DoNotIncludeTests.class)
 * class ArchitectureTest {
 *     @ArchTest
 *     static final ArchTests serviceArchitecture = ArchTests.in(ServiceArchitecture.class);
 * }
 * }</pre>
 */
public final class ServiceArchitecture {

    private static final String DOMAIN = "io.sirenorder.*.domain..";
    private static final String APPLICATION = "io.sirenorder.*.application..";

    private ServiceArchitecture() {
    }

    @ArchTest
    public static final ArchRule domainIsPlainJavaInTheShopsOwnWords = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java.lang..", "java.util..",
                    "java.time..", "java.math..")
            .because("the rules must read, and be tested, without any framework, transport or published event");

    @ArchTest
    public static final ArchRule useCasesKnowNoTransport = noClasses().that().resideInAPackage(APPLICATION)
            .should().dependOnClassesThat().resideInAnyPackage("io.sirenorder.events..", "io.sirenorder.messaging..",
                    "org.apache.kafka..", "org.springframework.kafka..", "org.springframework.web..",
                    "org.springframework.http..", "org.springframework.jdbc..", "java.sql..", "jakarta.servlet..",
                    "tools.jackson..", "com.fasterxml.jackson..")
            .because("events, HTTP and SQL are translated at the service's edge, in its adapters");

    @ArchTest
    public static final ArchRule useCasesKnowNoAdapters = classes().that().resideInAPackage(APPLICATION)
            .should(useOnlyTheirServicesLayers("domain", "application"))
            .because("adapters drive the use cases or implement their ports, never the other way round");

    @ArchTest
    public static final ArchRule adaptersKnowNoOtherAdapters = classes().that().resideOutsideOfPackages(DOMAIN,
                    APPLICATION).and().resideInAPackage("io.sirenorder.*.*..")
            .should(useNoOtherAdapterOfTheirService())
            .because("each adapter stands alone between the use cases and one outside world");

    /** Dependencies on the origin's own service may only go to the named layers (and its root package). */
    private static ArchCondition<JavaClass> useOnlyTheirServicesLayers(String... layers) {
        Set<String> allowed = Set.of(layers);
        return violatedBy("use only their service's " + String.join(" and ", layers), (origin, target) ->
                target.filter(layer -> !allowed.contains(layer)).isPresent());
    }

    private static ArchCondition<JavaClass> useNoOtherAdapterOfTheirService() {
        return violatedBy("use no other adapter of their service", (origin, target) -> target
                .filter(layer -> !layer.equals("domain") && !layer.equals("application") && !layer.equals(origin))
                .isPresent());
    }

    /** Whether a dependency from the layer {@code origin} to {@code target} breaks a rule. */
    private interface Violation {
        /** {@code target} is empty for a class outside the service or in its root package. */
        boolean test(String origin, Optional<String> target);
    }

    private static ArchCondition<JavaClass> violatedBy(String description, Violation violation) {
        return new ArchCondition<>(description) {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                ServicePackage origin = ServicePackage.of(item).orElseThrow();
                for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                    Optional<String> target = ServicePackage.of(dependency.getTargetClass())
                            .filter(other -> other.service().equals(origin.service()))
                            .flatMap(ServicePackage::layer);
                    if (violation.test(origin.layer().orElse(""), target)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** {@code io.sirenorder.<service>.<layer>...}; a class in the service's root package has no layer. */
    private record ServicePackage(String service, Optional<String> layer) {

        static Optional<ServicePackage> of(JavaClass type) {
            String[] parts = type.getPackageName().split("\\.");
            if (parts.length < 3 || !parts[0].equals("io") || !parts[1].equals("sirenorder")) {
                return Optional.empty();
            }
            return Optional.of(new ServicePackage(parts[2],
                    parts.length > 3 ? Optional.of(parts[3]) : Optional.empty()));
        }
    }
}
