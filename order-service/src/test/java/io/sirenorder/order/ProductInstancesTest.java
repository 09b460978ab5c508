package io.sirenorder.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.sirenorder.order.catalogue.CatalogueProperties;
import io.sirenorder.testing.security.TestIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Order in front of two instances of the product service, as {@code ./siren up --replicas 2} runs it: the checks
 * take turns at them, and while one is down (stopped, or restarting in a rolling update) every order is still
 * checked, by the other. Not an {@link OrderServiceTestBase}: its one product address would win over these two.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 3)
class ProductInstancesTest {

    static final StubProductService first = StubProductService.start();
    static final StubProductService second = StubProductService.start();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void bothInstances(DynamicPropertyRegistry registry) {
        registry.add("siren.catalogue.url", () -> first.url() + "," + second.url());
    }

    @LocalServerPort
    int port;
    @Autowired
    CatalogueProperties catalogue;
    @Autowired
    CircuitBreakerRegistry breakers;

    @BeforeEach
    void bothUp() {
        for (StubProductService instance : new StubProductService[] {first, second}) {
            instance.reset();
            instance.available(1, 3500);
        }
        breakers.getAllCircuitBreakers().forEach(breaker -> breaker.reset());
    }

    @AfterAll
    static void stopBoth() {
        first.close();
        second.close();
    }

    @Test
    void theChecksTakeTurnsAtTheInstances() throws Exception {
        assertThat(catalogue.url()).hasSize(2);

        for (int i = 0; i < 4; i++) {
            assertThat(order()).isEqualTo(201);
        }

        assertThat(first.calls()).isEqualTo(2);
        assertThat(second.calls()).isEqualTo(2);
    }

    @Test
    void withOneInstanceDownEveryOrderIsStillPlaced() throws Exception {
        second.stop();

        for (int i = 0; i < 6; i++) {
            assertThat(order()).isEqualTo(201);
        }

        assertThat(first.calls()).isEqualTo(6);
        assertThat(breakers.getAllCircuitBreakers())
                .allSatisfy(breaker -> assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero());
    }

    /** Places an order for product 1 as a customer; the status it was answered with. */
    private int order() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestIssuer.get().customer("ada"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"productId\": 1}"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
