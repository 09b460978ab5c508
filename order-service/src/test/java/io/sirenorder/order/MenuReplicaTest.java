package io.sirenorder.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sirenorder.events.ProductRegistered;
import io.sirenorder.events.ProductState;
import io.sirenorder.events.ProductStatus;
import io.sirenorder.events.ProductUpdated;
import io.sirenorder.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The menu follows the catalogue's events: only what can be ordered, never turned back by an old event. */
class MenuReplicaTest extends OrderServiceTestBase {

    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theMenuListsOnlyWhatCanBeOrdered() {
        publishProductEvents(
                registered(101, "Latte", 3000, ProductStatus.Available),
                registered(102, "Mocha", 4000, ProductStatus.SoldOut),
                registered(103, "Free water", 0, ProductStatus.Available),
                registered(104, null, 2000, ProductStatus.Available));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(menu(101, 102, 103, 104))
                .containsExactly(line(101, "Latte", 3000), line(104, "Product #104", 2000)));
    }

    @Test
    void oneProductIsShownWhateverItsStatusWithTheVersionTheReplicaHolds() {
        publishProductEvents(registered(131, "Mocha", 4000, ProductStatus.Available),
                registered(132, null, 0, ProductStatus.Available));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> menu(131).size() == 1 && get("/menu/132").status() == 200);
        assertThat(entry(131)).isEqualTo(JSON.readTree("""
                {"productId": 131, "name": "Mocha", "price": 4000, "status": "Available", "orderable": true,
                 "version": 1}"""));

        publishProductEvents(updated(131, 2, "Mocha", 4000, ProductStatus.SoldOut, ProductStatus.Available));
        await().atMost(Duration.ofSeconds(15)).until(() -> entry(131).get("version").asLong() == 2);

        assertThat(entry(131)).isEqualTo(JSON.readTree("""
                {"productId": 131, "name": "Mocha", "price": 4000, "status": "SoldOut", "orderable": false,
                 "version": 2}"""));
        assertThat(menu(131, 132)).isEmpty();
        assertThat(entry(132)).isEqualTo(JSON.readTree("""
                {"productId": 132, "name": "Product #132", "price": 0, "status": "Available", "orderable": false,
                 "version": 1}"""));
    }

    @Test
    void aProductTheMenuHasNotHeardOfIsNotFound() {
        assertThat(assertProblem(get("/menu/999999"), 404).get("detail").asString())
                .isEqualTo("Product 999999 is unknown to the menu.");
        assertThat(assertProblem(get("/menu/latte"), 404).get("detail").asString())
                .isEqualTo("Nothing exists with productId 'latte'.");
    }

    @Test
    void theMenuFollowsPriceStatusAndNameChanges() {
        publishProductEvents(registered(111, "Latte", 3000, ProductStatus.Available));
        await().atMost(Duration.ofSeconds(15)).until(() -> menu(111).size() == 1);

        publishProductEvents(updated(111, 2, "Latte", 3000, ProductStatus.SoldOut, ProductStatus.Available));
        await().atMost(Duration.ofSeconds(15)).until(() -> menu(111).isEmpty());

        publishProductEvents(updated(111, 3, "Iced latte", 3200, ProductStatus.Available, ProductStatus.SoldOut));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(menu(111))
                .containsExactly(line(111, "Iced latte", 3200)));
    }

    @Test
    void redeliveredAndOutOfOrderEventsChangeNothing() {
        var first = registered(121, "Latte", 3000, ProductStatus.Available);
        var soldOut = updated(121, 2, "Latte", 3000, ProductStatus.SoldOut, ProductStatus.Available);
        var staleRestock = updated(121, 1, "Latte", 2500, ProductStatus.Available, ProductStatus.SoldOut);

        publishProductEvents(first, soldOut, first, staleRestock, soldOut);
        awaitEveryProductEventConsumed();

        assertThat(menu(121)).isEmpty();
        assertThat(entry(121).get("version").asLong()).isEqualTo(2);
        assertThat(entry(121).get("price").asInt()).isEqualTo(3000);
    }

    private List<JsonNode> menu(long... productIds) {
        Response response = get("/menu");
        assertThat(response.status()).isEqualTo(200);
        var wanted = Arrays.stream(productIds).boxed().collect(Collectors.toSet());
        return StreamSupport.stream(response.json().spliterator(), false)
                .filter(line -> wanted.contains(line.get("productId").asLong()))
                .toList();
    }

    private static JsonNode line(long productId, String name, int price) {
        return JSON.readTree("{\"productId\": %d, \"name\": \"%s\", \"price\": %d, \"status\": \"Available\"}"
                .formatted(productId, name, price));
    }

    private JsonNode entry(long productId) {
        Response response = get("/menu/" + productId);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private static ProductRegistered registered(long productId, String name, int price, ProductStatus status) {
        return new ProductRegistered(new ProductState(productId, 1, name, price, status, NOW));
    }

    private static ProductUpdated updated(long productId, long version, String name, int price,
            ProductStatus status, ProductStatus previousStatus) {
        return new ProductUpdated(new ProductState(productId, version, name, price, status, NOW), previousStatus);
    }

    /** Waits until the order service's consumer group has committed up to the end of the product topic. */
    private void awaitEveryProductEventConsumed() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("order")
                        .partitionsToOffsetAndMetadata().get();
                var partitions = admin.describeTopics(List.of(Topics.PRODUCT_EVENTS)).allTopicNames().get()
                        .get(Topics.PRODUCT_EVENTS).partitions().stream()
                        .map(info -> new TopicPartition(Topics.PRODUCT_EVENTS, info.partition()))
                        .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
                return admin.listOffsets(partitions).all().get().entrySet().stream().allMatch(end ->
                        end.getValue().offset() == 0 || (committed.get(end.getKey()) != null
                                && committed.get(end.getKey()).offset() >= end.getValue().offset()));
            });
        }
    }
}
