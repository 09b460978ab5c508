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
}
