package io.sirenorder.report;

import static io.sirenorder.report.ReportClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/** Without a broker the service still starts, is ready, and answers from what it has stored. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=127.0.0.1:1",
        "spring.datasource.url=jdbc:h2:mem:report-kafka-down;DB_CLOSE_DELAY=-1",
        // the broker's absence is the point here, not news
        "logging.level.org.apache.kafka.clients.NetworkClient=ERROR",
        "logging.level.org.springframework.kafka.core.KafkaAdmin=OFF"})
@DirtiesContext
class KafkaDownTest {

    @LocalServerPort
    int port;

    @Test
    void theServiceIsReadyAndAnswers() throws Exception {
        var client = new ReportClient(() -> port);

        assertThat(client.get("/actuator/health/readiness").body()).isEqualTo(json("{\"status\":\"UP\"}"));
        assertThat(client.get("/reports").body()).isEqualTo(json("[]"));
    }
}
