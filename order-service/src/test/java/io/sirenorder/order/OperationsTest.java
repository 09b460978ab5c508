package io.sirenorder.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

class OperationsTest extends OrderServiceTestBase {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void aBurstOfNewConnectionsWaitsToBeAcceptedRatherThanBeingDropped() {
        Server jetty = ((JettyWebServer) context.getWebServer()).getServer();

        assertThat(jetty.getConnectors()).allSatisfy(connector ->
                assertThat(((ServerConnector) connector).getAcceptQueueSize()).isEqualTo(1024));
    }

    @Test
    void theCallerStallIsMeasured() {
        Response stall = get("/actuator/metrics/siren.catalogue.caller.stall");

        assertThat(stall.status()).isEqualTo(200);
        assertThat(stall.json().get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(0);
    }

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
    void theCatalogueIsInHealthButNotInReadiness() {
        Response catalogue = get("/actuator/health/catalogue");

        assertThat(catalogue.json().get("status").asString()).isEqualTo("UP");
        assertThat(catalogue.json().get("details").get("state").asString()).isEqualTo("CLOSED");
        assertThat(catalogue.json().get("details").get("bulkheadMaxConcurrentCalls").asInt()).isEqualTo(100);
        assertThat(get("/actuator/health/readiness").json().path("components").has("catalogue")).isFalse();
    }

    @Test
    void theProductServiceBulkheadIsMeasured() {
        Response allowed = get("/actuator/metrics/resilience4j.bulkhead.max.allowed.concurrent.calls"
                + "?tag=name:product-service");

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.json().get("measurements").get(0).get("value").asDouble()).isEqualTo(100.0);
    }
}
