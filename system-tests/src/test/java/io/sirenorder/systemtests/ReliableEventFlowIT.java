package io.sirenorder.systemtests;

import static io.sirenorder.systemtests.PlainKafka.asPublished;
import static io.sirenorder.systemtests.PlainKafka.bytes;
import static io.sirenorder.systemtests.PlainKafka.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sirenorder.events.CloudEventHeaders;
import io.sirenorder.events.EventJson;
import io.sirenorder.events.EventType;
import io.sirenorder.events.OrderPlaced;
import io.sirenorder.events.ProductRegistered;
import io.sirenorder.events.ProductState;
import io.sirenorder.events.ProductStatus;
import io.sirenorder.events.ProductUpdated;
import io.sirenorder.events.Topics;
import io.sirenorder.local.Service;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Nothing lost, nothing twice, nothing out of order: each test really causes one fault against the whole system,
 * every service its own process as {@code ./siren up} runs it, and checks that order's menu and report's view end
 * exactly where product's catalogue is. Each fault leaves the system healthy, so the tests share one system.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliableEventFlowIT {

    /** Long enough for a restarted consumer to get its partitions back (a 10 s session timeout) and catch up. */
    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    /** The services' consumer groups (their {@code spring.kafka.consumer.group-id}). */
    private static final String ORDER_GROUP = "order";
    private static final String REPORT_GROUP = "report";
    /** Where the services and Spring Kafka put why and by whom a record was dead-lettered. */
    private static final String DEAD_LETTER_REASON = "siren_dlt_reason";
    private static final String DEAD_LETTER_GROUP = "kafka_dlt-original-consumer-group";
    /** Product ids the catalogue never reaches in a test run, for events that only these tests publish. */
    private static final long REPLAYED_PRODUCT = 1_000_001;
    private static final long POISONED_PRODUCT = 1_000_002;

    @RegisterExtension
    static final RunningSystem running = RunningSystem.onH2();

    @Test
    @Order(1)
    void changesCommittedWhileTheBrokerIsDownSurviveAProductCrashAndReachEveryReplica() {
        running.local().stop(Service.KAFKA);
        Map<Long, ProductView> answered = new TreeMap<>();
        for (int i = 1; i <= 50; i++) {
            long id = running.clerk().expect(201, "POST", url(Service.GATEWAY, "/products"),
                    "{\"name\": \"Outage %d\", \"price\": %d}".formatted(i, 1000 + i)).get("id").asLong();
            String change = i % 2 == 0 ? "{\"status\": \"SoldOut\"}" : "{\"price\": %d}".formatted(2000 + i);
            answered.put(id, ProductView.of(running.clerk().expect(200, "PATCH",
                    url(Service.GATEWAY, "/products/" + id), change)));
        }

        running.local().kill(Service.PRODUCT);
        running.local().start(Service.KAFKA);
        running.local().start(Service.PRODUCT);

        assertThat(catalogue()).as("the catalogue after the crash keeps every change it answered 2xx for")
                .containsAllEntriesOf(answered);
        awaitReplicasAgreeWithCatalogue();
    }

    @Test
    @Order(2)
    void theMenuCatchesUpExactlyAfterTheOrderServiceIsKilledAmidAThousandChanges() {
        List<Long> ids = IntStream.rangeClosed(1, 100)
                .mapToObj(i -> running.clerk().expect(201, "POST", url(Service.PRODUCT, "/products"),
                        "{\"price\": %d}".formatted(1000 + i)).get("id").asLong())
                .toList();

        // ten changes to one product after another: the crash comes right after order applied the last changes of
        // the first 40 products, which must survive it; the next 30 change while it is down, the last 30 while it
        // waits for the dead process's partitions (a 10 s session timeout)
        for (int change = 0; change < 1000; change++) {
            if (change == 400) {
                long fortieth = ids.get(39);
                await("order applying the last change of product " + fortieth).atMost(CATCH_UP)
                        .until(() -> menuEntry(fortieth).map(ProductView::version).orElse(0L) == 11);
                running.local().kill(Service.ORDER);
            }
            if (change == 700) {
                running.local().start(Service.ORDER);
            }
            String product = url(Service.PRODUCT, "/products/" + ids.get(change / 10));
            running.clerk().expect(200, "PATCH", product, nthChange(change % 10));
        }

        Map<Long, ProductView> catalogue = catalogue();
        assertThat(ids).as("the catalogue's products, registered and changed ten times each").allSatisfy(id ->
                assertThat(catalogue.get(id)).extracting(ProductView::version).isEqualTo(11L));
        awaitReplicasAgreeWithCatalogue();
    }

    @Test
    @Order(3)
    void duplicatedAndReorderedEventsChangeNothing() {
        var v1 = new ProductRegistered(state(REPLAYED_PRODUCT, 1, 3000, ProductStatus.Available));
        var v2 = new ProductUpdated(state(REPLAYED_PRODUCT, 2, 3200, ProductStatus.Available),
                ProductStatus.Available);
        var v3 = new ProductUpdated(state(REPLAYED_PRODUCT, 3, 3200, ProductStatus.SoldOut), ProductStatus.Available);
        String v2Id = newId();
        String v3Id = newId();
        var placed = new OrderPlaced(1_000_001, REPLAYED_PRODUCT, 2, 3000, "c-1", Instant.now());
        String placedId = newId();
        var another = new OrderPlaced(1_000_002, REPLAYED_PRODUCT, 1, 3200, null, Instant.now());

        try (var kafka = new PlainKafka(running.local().kafkaBootstrapServers())) {
            List<RecordMetadata> productEvents = kafka.write(List.of(
                    asPublished(v3, v3Id),
                    asPublished(v1, newId()),
                    asPublished(v2, v2Id),
                    asPublished(v3, v3Id),
                    // an older version last: a replica where the last write wins would end at it
                    asPublished(v2, v2Id)));
            List<RecordMetadata> orderEvents = kafka.write(List.of(
                    asPublished(placed, placedId),
                    asPublished(placed, placedId),
                    // the same order under another event id: an order counts once by its id, whatever the event's
                    asPublished(placed, newId()),
                    asPublished(another, newId())));
            kafka.awaitConsumed(ORDER_GROUP, productEvents, CATCH_UP);
            kafka.awaitConsumed(REPORT_GROUP, concat(productEvents, orderEvents), CATCH_UP);
        }

        ProductView latest = ProductView.of(v3.product());
        assertThat(menuEntry(REPLAYED_PRODUCT)).as("the menu's copy").contains(latest);
        JsonNode report = running.clerk().get(url(Service.REPORT, "/reports/" + REPLAYED_PRODUCT));
        assertThat(ProductView.of(report)).as("the report's copy").isEqualTo(latest);
        assertThat(Stream.of("ordersPlaced", "itemsSold", "revenue").map(total -> report.get(total).asLong()))
                .as("the report's orders placed, items sold and revenue: each order counted once")
                .containsExactly(2L, 3L, 2 * 3000L + 3200L);
    }

    @Test
    @Order(4)
    void aPoisonRecordIsDeadLetteredWithItsReasonAndDoesNotBlockTheRecordsBehindIt() {
        var registered = new ProductRegistered(state(POISONED_PRODUCT, 1, 2500, ProductStatus.Available));
        var soldOut = new ProductUpdated(state(POISONED_PRODUCT, 2, 2700, ProductStatus.SoldOut),
                ProductStatus.Available);
        String registeredType = EventType.PRODUCT_REGISTERED.ceType();
        List<Poison> poisons = List.of(
                Poison.of("malformed JSON", "unreadable '" + registeredType + "'", registeredType,
                        bytes("{\"product\": {\"productId\": " + POISONED_PRODUCT)),
                Poison.of("unknown type", "unknown event type 'io.sirenorder.product.exploded'",
                        "io.sirenorder.product.exploded", EventJson.write(soldOut)),
                Poison.of("missing fields", "ProductState[\"version\"]", EventType.PRODUCT_UPDATED.ceType(),
                        bytes("{\"product\": {\"productId\": %d}, \"previousStatus\": \"SoldOut\"}"
                                .formatted(POISONED_PRODUCT))));
        List<Service> consumers = List.of(Service.ORDER, Service.REPORT);
        Map<Service, Double> deadLetteredBefore = consumers.stream()
                .collect(Collectors.toMap(Function.identity(), ReliableEventFlowIT::deadLettered));

        try (var kafka = new PlainKafka(running.local().kafkaBootstrapServers())) {
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
            records.add(asPublished(registered, newId()));
            poisons.forEach(poison -> records.add(poison.record()));
            records.add(asPublished(soldOut, newId()));
            kafka.write(records);

            ProductView latest = ProductView.of(soldOut.product());
            await().atMost(CATCH_UP).untilAsserted(() -> {
                assertThat(menuEntry(POISONED_PRODUCT)).as("the menu's copy").contains(latest);
                assertThat(reportEntry(POISONED_PRODUCT)).as("the report's copy").contains(latest);
            });

            Map<String, Poison> byId = poisons.stream().collect(Collectors.toMap(Poison::ceId, Function.identity()));
            List<String> expected = Stream.of(ORDER_GROUP, REPORT_GROUP)
                    .flatMap(group -> poisons.stream().map(poison -> poison.asDeadLettered(group)))
                    .toList();
            await().atMost(CATCH_UP).untilAsserted(() -> assertThat(
                    kafka.readAll(Topics.deadLetter(Topics.PRODUCT_EVENTS)).stream()
                            .filter(deadLetter -> byId.containsKey(header(deadLetter, CloudEventHeaders.ID)))
                            .map(deadLetter -> byId.get(header(deadLetter, CloudEventHeaders.ID)).describe(deadLetter))
                            .toList())
                    .as("the poison records on %s", Topics.deadLetter(Topics.PRODUCT_EVENTS))
                    .containsExactlyInAnyOrderElementsOf(expected));
        }

        await().atMost(CATCH_UP).untilAsserted(() -> assertThat(consumers).allSatisfy(service ->
                assertThat(deadLettered(service)).as("%s's count of dead-lettered product events", service)
                        .isEqualTo(deadLetteredBefore.get(service) + poisons.size())));
    }

    /** A record nobody can read, and what a consumer must say about it when it dead-letters it. */
    private record Poison(String name, String reason, ProducerRecord<String, byte[]> record) {

        /** Keyed like the product's own events, so that it sits between them on their partition. */
        static Poison of(String name, String reason, String ceType, byte[] value) {
            return new Poison(name, reason, PlainKafka.record(Topics.PRODUCT_EVENTS,
                    Long.toString(POISONED_PRODUCT), ceType, value, newId()));
        }

        String ceId() {
            return new String(record.headers().lastHeader(CloudEventHeaders.ID).value(), StandardCharsets.UTF_8);
        }

        String asDeadLettered(String group) {
            return "%s dead-lettered the %s record unchanged, saying '%s'".formatted(group, name, reason);
        }

        /** Like {@link #asDeadLettered} when the dead letter is as it should be, and shows what differs where not. */
        String describe(ConsumerRecord<String, byte[]> deadLetter) {
            String given = header(deadLetter, DEAD_LETTER_REASON);
            return "%s dead-lettered the %s record %s, saying '%s'".formatted(header(deadLetter, DEAD_LETTER_GROUP),
                    name, Arrays.equals(deadLetter.value(), record.value()) ? "unchanged" : "changed",
                    given != null && given.contains(reason) ? reason : given);
        }
    }

    /** What the catalogue, the menu and the report must agree on for every product. */
    private record ProductView(Integer price, String status, Long version) {

        static ProductView of(JsonNode product) {
            return new ProductView(product.get("price").isNull() ? null : product.get("price").asInt(),
                    product.get("status").isNull() ? null : product.get("status").asString(),
                    product.get("version").isNull() ? null : product.get("version").asLong());
        }

        static ProductView of(ProductState product) {
            return new ProductView(product.price(), product.status().name(), product.version());
        }

        @Override
        public String toString() {
            return "v%d %s %d KRW".formatted(version, status, price);
        }
    }

    /**
     * Waits until order's menu and report's view hold the catalogue's price, status and version of every product
     * in it; fails naming each product where they differ.
     */
    private static void awaitReplicasAgreeWithCatalogue() {
        await().atMost(CATCH_UP).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<Long, ProductView> catalogue = catalogue();
            List<String> differences = new ArrayList<>();
            catalogue.forEach((id, truth) -> {
                Optional<ProductView> menu = menuEntry(id);
                Optional<ProductView> report = reportEntry(id);
                if (!menu.equals(Optional.of(truth)) || !report.equals(Optional.of(truth))) {
                    differences.add("product %d: catalogue %s, menu %s, report %s".formatted(id, truth,
                            menu.map(ProductView::toString).orElse("none"),
                            report.map(ProductView::toString).orElse("none")));
                }
            });
            assertThat(differences).as("of %d products, those where the menu or the report differ",
                    catalogue.size()).isEmpty();
        });
    }

    private static Map<Long, ProductView> catalogue() {
        return StreamSupport.stream(running.http().get(url(Service.PRODUCT, "/products")).spliterator(), false)
                .collect(Collectors.toMap(product -> product.get("id").asLong(), ProductView::of,
                        (first, second) -> first, TreeMap::new));
    }

    private static Optional<ProductView> menuEntry(long productId) {
        return running.http().find(url(Service.ORDER, "/menu/" + productId)).map(ProductView::of);
    }

    private static Optional<ProductView> reportEntry(long productId) {
        return running.clerk().find(url(Service.REPORT, "/reports/" + productId)).map(ProductView::of);
    }

    /** The service's count of product events it dead-lettered; 0 before the first. */
    private static double deadLettered(Service service) {
        return running.http().find(url(service, "/actuator/metrics/siren.events.dead.lettered?tag=topic:"
                        + Topics.PRODUCT_EVENTS))
                .map(metric -> metric.get("measurements").get(0).get("value").asDouble())
                .orElse(0.0);
    }

    /** A product's n-th change: even ones reprice it, odd ones flip its status, so each is a real change. */
    private static String nthChange(int n) {
        return n % 2 == 0
                ? "{\"price\": %d}".formatted(3000 + n)
                : "{\"status\": \"%s\"}".formatted(n % 4 == 1 ? "SoldOut" : "Available");
    }

    private static ProductState state(long productId, long version, int price, ProductStatus status) {
        return new ProductState(productId, version, "Replayed", price, status, Instant.now());
    }

    private static String url(Service service, String path) {
        return running.local().baseUrl(service) + path;
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
