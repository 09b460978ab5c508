package io.sirenorder.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sirenorder.events.EventJson;
import io.sirenorder.events.EventType;
import io.sirenorder.events.OrderPlaced;
import io.sirenorder.events.Topics;
import io.sirenorder.local.Service;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Graceful degradation, switched on ({@code siren.catalogue.when-unavailable=accept-from-menu}): with the product
 * service dead, order decides from its menu replica instead of refusing every order, and says so.
 */
class DegradedOrderingIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(20);

    @RegisterExtension
    static final RunningSystem running = RunningSystem.onH2(system -> system
            .services(Service.KAFKA, Service.AUTH, Service.PRODUCT, Service.ORDER)
            .args(Service.ORDER, "--siren.catalogue.when-unavailable=accept-from-menu"));

    @Test
    void withProductDeadAnAvailableItemIsOrderedFromTheMenuAndMarkedAndASoldOutOneIsRefused() {
        long americano = register("{\"price\": 4100, \"name\": \"Americano\"}");
        long latte = register("{\"price\": 4600, \"name\": \"Latte\"}");
        running.clerk().expect(200, "PATCH", url(Service.PRODUCT, "/products/" + latte), "{\"status\": \"SoldOut\"}");
        await().atMost(PROPAGATION).untilAsserted(() -> {
            assertThat(menuEntry(americano).get("status").asString()).isEqualTo("Available");
            assertThat(menuEntry(latte).get("status").asString()).isEqualTo("SoldOut");
        });

        running.local().kill(Service.PRODUCT);

        JsonNode order = running.customer("ada").expect(201, "POST", url(Service.ORDER, "/orders"),
                "{\"productId\": %d, \"quantity\": 2}".formatted(americano));
        assertThat(order.get("checkedAgainst").asString()).as("how the order was checked").isEqualTo("Menu");
        assertThat(order.get("price").asInt()).as("the menu's last known price").isEqualTo(4100);
        assertThat(order.get("totalPrice").asLong()).isEqualTo(8200);

        HttpResponse<String> soldOut = running.customer("ada").send("POST", url(Service.ORDER, "/orders"),
                "{\"productId\": %d}".formatted(latte));
        assertThat(soldOut.statusCode()).as("an order for a sold-out item: %s", soldOut.body()).isEqualTo(409);
        assertThat(soldOut.body()).contains("sold out");

        HttpResponse<String> unknown = running.customer("ada").send("POST", url(Service.ORDER, "/orders"),
                "{\"productId\": 999999}");
        assertThat(unknown.statusCode())
                .as("an order for a product the menu has never heard of: product may know it, so not a 404")
                .isEqualTo(503);

        assertThat(running.clerk().get(url(Service.ORDER, "/orders?size=10")).get("page").get("totalElements")
                .asLong()).as("orders stored").isEqualTo(1);
        try (var kafka = new PlainKafka(running.local().kafkaBootstrapServers())) {
            List<OrderPlaced> published = kafka.readAll(Topics.ORDER_EVENTS).stream()
                    .map(record -> (OrderPlaced) EventJson.read(EventType.ORDER_PLACED, record.value()))
                    .toList();
            assertThat(published).as("order events published")
                    .singleElement()
                    .satisfies(event -> {
                        assertThat(event.orderId()).isEqualTo(order.get("id").asLong());
                        assertThat(event.checkedAgainst()).hasToString("Menu");
                        assertThat(event.unitPrice()).isEqualTo(4100);
                    });
        }
    }

    private static long register(String product) {
        return running.clerk().expect(201, "POST", url(Service.PRODUCT, "/products"), product).get("id").asLong();
    }

    private static JsonNode menuEntry(long productId) {
        return running.http().get(url(Service.ORDER, "/menu/" + productId));
    }

    private static String url(Service service, String path) {
        return running.local().baseUrl(service) + path;
    }
}
