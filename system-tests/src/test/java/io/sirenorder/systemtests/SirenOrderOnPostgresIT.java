package io.sirenorder.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sirenorder.local.Service;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The whole system on PostgreSQL, started as {@code ./siren up --postgres} starts it (on free ports and a temporary
 * home): the services run the same Flyway migrations and the same flow as on H2 files, which {@link SirenOrderIT}
 * covers in full.
 */
class SirenOrderOnPostgresIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(20);

    @RegisterExtension
    static final RunningSystem running = RunningSystem.onPostgres();

    @Test
    void aProductIsRegisteredChangedAndOrderedAndTheMenuAndTheReportFollow() throws Exception {
        long productId = running.clerk()
                .expect(201, "POST", gateway("/products"), "{\"price\":4500,\"name\":\"Latte\"}").get("id").asLong();
        JsonNode changed = running.clerk().expect(200, "PATCH", gateway("/products/" + productId), "{\"price\":4800}");
        assertThat(changed.get("version").asLong()).isEqualTo(2);
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(menuEntry(productId))
                .hasValueSatisfying(item -> assertThat(item.get("price").asInt()).isEqualTo(4800)));

        HttpResponse<String> order = running.customer("ada").send("POST", gateway("/orders"),
                "{\"productId\":" + productId + ",\"quantity\":2}");
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
        JsonNode stored = running.customer("ada").get(gateway(order.headers().firstValue("Location").orElseThrow()));
        assertThat(stored.get("status").asString()).isEqualTo("Ordered");
        assertThat(stored.get("price").asInt()).isEqualTo(4800);
        assertThat(stored.get("quantity").asInt()).isEqualTo(2);

        await().atMost(PROPAGATION).untilAsserted(() -> {
            JsonNode report = running.clerk().get(gateway("/reports/" + productId));
            assertThat(report.get("name").asString()).isEqualTo("Latte");
            assertThat(report.get("price").asInt()).isEqualTo(4800);
            assertThat(report.get("ordersPlaced").asLong()).isEqualTo(1);
            assertThat(report.get("revenue").asLong()).isEqualTo(9600);
        });

        running.clerk().expect(200, "PATCH", gateway("/products/" + productId), "{\"status\":\"SoldOut\"}");
        await().atMost(PROPAGATION).until(() -> menuEntry(productId).isEmpty());

        // the catalogue really is in PostgreSQL, and no H2 file was written
        try (var catalogue = DriverManager.getConnection(running.local().postgresUrl() + "/product", "siren", "siren");
             var statement = catalogue.createStatement();
             var row = statement.executeQuery("SELECT price FROM product WHERE id = " + productId)) {
            assertThat(row.next()).isTrue();
            assertThat(row.getInt("price")).isEqualTo(4800);
        }
        assertThat(running.local().homeDir().resolve("data")).doesNotExist();
    }

    private Optional<JsonNode> menuEntry(long productId) {
        return StreamSupport.stream(running.http().get(gateway("/menu")).spliterator(), false)
                .filter(item -> item.get("productId").asLong() == productId)
                .findFirst();
    }

    private static String gateway(String path) {
        return running.local().baseUrl(Service.GATEWAY) + path;
    }
}
