package io.sirenorder.observability;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The observability every SirenOrder application shares, as defaults below everything else (its own
 * {@code application.yml}, the launcher's arguments, a Kubernetes ConfigMap all override them):
 * <ul>
 * <li>every trace is sampled. A trace viewer that shows one order in ten (Boot's default of 0.1) leaves the one
 * a customer asks about out nine times out of ten; sampling costs little beside exporting, which is off:</li>
 * <li>spans go nowhere unless an exporter is asked for ({@code management.tracing.export.zipkin.enabled=true}, as
 * {@code ./siren up --tracing} sets with the address of its Zipkin). Without one the trace and span ids still
 * travel with each request and event, and every log line carries them;</li>
 * <li>Kafka's templates and listeners are observed, so a record carries its trace ({@code traceparent}) and its
 * handling is a span of that trace.</li>
 * </ul>
 */
public class ObservabilityDefaults implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "sirenObservabilityDefaults";

    private static final Map<String, Object> DEFAULTS = Map.of(
            "management.tracing.sampling.probability", "1.0",
            "management.tracing.export.zipkin.enabled", "false",
            "spring.kafka.template.observation-enabled", "true",
            "spring.kafka.listener.observation-enabled", "true");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, DEFAULTS));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
