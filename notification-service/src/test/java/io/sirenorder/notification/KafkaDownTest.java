package io.sirenorder.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/** Without a broker the service still starts, is ready, and streams (heartbeats, until Kafka is back). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=127.0.0.1:1",
        // the broker's absence is the point here, not news
        "logging.level.org.apache.kafka.clients.NetworkClient=ERROR",
        "logging.level.org.springframework.kafka.core.KafkaAdmin=OFF"})
@DirtiesContext
class KafkaDownTest {

    @LocalServerPort
    int port;

    @Test
    void theServiceIsReadyAndStreams() throws Exception {
        var readiness = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/actuator/health/readiness")).build(), BodyHandlers.ofString());
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"UP\"");

        try (var stream = EventStream.open(URI.create("http://127.0.0.1:" + port + "/notifications/stream"), null,
                null)) {
            assertThat(stream.nextComment().text()).isEqualTo("heartbeat");
        }
    }
}
