package io.sirenorder.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperationsTest extends OrderServiceTestBase {

    @Test
    void probesAnswer() {
        assertThat(get("/actuator/health/liveness").json().get("status").asString()).isEqualTo("UP");
        assertThat(get("/actuator/health/readiness").json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void theProductServiceBreakerIsMeasured() {
        Response state = get("/actuator/metrics/resilience4j.circuitbreaker.state?tag=name:product-service"
                + "&tag=state:closed");

        assertThat(state.status()).isEqualTo(200);
        assertThat(state.json().get("measurements").get(0).get("value").asDouble()).isEqualTo(1.0);
    }

    @Test
    void theCatalogIsInHealthButNotInReadiness() {
        Response catalog = get("/actuator/health/catalog");

        assertThat(catalog.json().get("status").asString()).isEqualTo("UP");
        assertThat(catalog.json().get("details").get("state").asString()).isEqualTo("CLOSED");
        assertThat(catalog.json().get("details").get("bulkheadMaxConcurrentCalls").asInt()).isEqualTo(100);
        assertThat(get("/actuator/health/readiness").json().path("components").has("catalog")).isFalse();
    }

    @Test
    void theProductServiceBulkheadIsMeasured() {
        Response allowed = get("/actuator/metrics/resilience4j.bulkhead.max.allowed.concurrent.calls"
                + "?tag=name:product-service");

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.json().get("measurements").get(0).get("value").asDouble()).isEqualTo(100.0);
    }
}
