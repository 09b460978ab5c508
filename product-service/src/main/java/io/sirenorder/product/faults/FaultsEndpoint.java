package io.sirenorder.product.faults;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/faults}: read, set ({@code minLatency}, {@code maxLatency} in ms, {@code failureRate} 0..1)
 * or clear the faults injected into {@code /products/{id}/availability} and {@code /products/checkProduct}.
 * Present only with {@code siren.faults.enabled=true} (the {@code local} profile).
 */
@Endpoint(id = "faults")
public class FaultsEndpoint {

    private final Faults faults;

    FaultsEndpoint(Faults faults) {
        this.faults = faults;
    }

    @ReadOperation
    public Faults.Settings settings() {
        return faults.settings();
    }

    /** Omitted values are 0: no latency (a single value for a fixed one) or no failures. */
    @WriteOperation
    public Faults.Settings set(@Nullable Long minLatency, @Nullable Long maxLatency, @Nullable Double failureRate) {
        long min = minLatency != null ? minLatency : maxLatency != null ? maxLatency : 0;
        long max = maxLatency != null ? maxLatency : min;
        double rate = failureRate != null ? failureRate : 0;
        String problem = Faults.Settings.problemWith(min, max, rate);
        if (problem != null) {
            throw new InvalidEndpointRequestException(problem, problem);
        }
        Faults.Settings settings = new Faults.Settings(min, max, rate);
        faults.set(settings);
        return settings;
    }

    @DeleteOperation
    public Faults.Settings clear() {
        faults.clear();
        return faults.settings();
    }
}
