package io.sirenorder.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.sirenorder.testing.security.TestIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Without a broker the service still starts, is ready, and takes orders: their events wait in the outbox. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=127.0.0.1:1",
        "spring.datasource.url=jdbc:h2:mem:order-kafka-down;DB_CLOSE_DELAY=-1"})
@DirtiesContext
class KafkaDownTest {

    static final StubProductService productService = StubProductService.start();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void productServiceUrl(DynamicPropertyRegistry registry) {
        registry.add("siren.catalogue.url", productService::url);
    }

    @AfterAll
    static void stopProductService() {
        productService.close();
    }

    @Test
    void theServiceIsReadyAndTakesOrdersWhoseEventsWaitForTheBroker() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/health/readiness"))).body()).contains("\"UP\"");
        productService.available(1, 3500);

        HttpResponse<String> placed = send(HttpRequest.newBuilder(uri("/orders"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestIssuer.get().customer("ada"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"productId\": 1}")));

        assertThat(placed.statusCode()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE event_type = 'io.sirenorder.order.placed'")
                .query(Long.class).single()).isEqualTo(1);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
