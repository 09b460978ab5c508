package io.sirenorder.product.web;

import static io.sirenorder.problems.BadJson.notText;
import static io.sirenorder.problems.BadJson.notWholeNumbers;
import static io.sirenorder.problems.BadJson.quoted;
import static io.sirenorder.problems.BadJson.text;
import static io.sirenorder.problems.BadJson.wholeNumbersAbove;
import static io.sirenorder.problems.BadJson.wholeNumbersBelow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.sirenorder.events.Topics;
import io.sirenorder.problems.BadJson;
import io.sirenorder.problems.BadJson.Body;
import io.sirenorder.testing.security.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Bad input, systematically (issue 12): a clerk's registration or change that is bad in any of the ways
 * {@link BadJson} generates (wrong types, huge, fractional or negative numbers, deep nesting, unknown fields, unicode
 * junk, empty, blank, truncated or relaxed JSON, what is not an object, a content type that is not JSON) is refused
 * with a 4xx problem body, and nothing is stored or published.
 * <p>
 * Every generated body is invalid by construction, a body this test has seen accepted broken in one way, rather than
 * any body at all judged afterwards by the rules ("a 2xx only for a valid body, then exactly one product"): that
 * judge would be a second implementation of the rules and of Jackson's coercions (httpie's {@code "3500"} is a price,
 * {@code 42} is a name), wrong exactly where the service is. {@link #theBodiesTheBadOnesAreMadeFromAreAccepted()}
 * keeps the construction honest: what is broken is accepted whole.
 * <p>
 * The same context as {@link ProductApiTest}'s, so this adds no start-up; on PostgreSQL in
 * {@link ProductBadInputOnPostgresProperties}, where a name holding NUL was a 500 (PostgreSQL's text cannot hold it).
 * A failure names its seed: {@code -DQT_SEED=<seed>} replays it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 3)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductBadInputProperties {

    /** Enough to meet every way of breaking a body many times over, in a second or two. */
    private static final int TRIES = 250;
    private static final int SHRINK_CYCLES = 200;

    private static final Gen<String> PRICES = Generate.oneOf(
            integers().between(0, Integer.MAX_VALUE).map(price -> String.valueOf(price)),
            // as httpie sends it
            integers().between(0, 100_000).map(price -> quoted(String.valueOf(price))),
            Generate.pick(List.of("0", "-0", "2147483647")));
    private static final Gen<String> STATUSES = Generate.pick(List.of("\"Available\"", "\"SoldOut\"", "null"));
    /** Names of every script and emoji, blank ones (no name), and numbers and booleans, which are read as text. */
    private static final Gen<String> NAMES = Generate.oneOf(text(0, 8).map(name -> quoted(name)),
            Generate.pick(List.of("null", "\"\"", "\"  \"", "42", "true")));

    private static final Gen<String> REFUSED_PRICES = Generate.oneOf(notWholeNumbers(), wholeNumbersBelow(0),
            wholeNumbersAbove(Integer.MAX_VALUE));
    private static final Gen<String> REFUSED_STATUSES = Generate.oneOf(notText(),
            Generate.pick(List.of("\"available\"", "\"SOLDOUT\"", "\"Sold out\"", "\"\"", "0", "true")),
            Generate.pick(List.of("Available", "SoldOut")).zip(text(1, 3), (status, junk) -> quoted(status + junk)),
            BadJson.brokenText().map(status -> quoted(status)));
    private static final Gen<String> REFUSED_NAMES = Generate.oneOf(notText(),
            // longer than 100 characters however it is trimmed
            integers().between(101, 5_000).zip(text(0, 2), (length, around) ->
                    quoted(around + "L".repeat(length) + around)),
            BadJson.brokenText().map(name -> quoted(name)));

    /** {@code POST /products}: a price, and perhaps a status and a name. */
    static final BadJson.Endpoint REGISTRATION = new BadJson.Endpoint(BadJson.inAnyOrder(
            PRICES.zip(STATUSES.toOptionals(50), NAMES.toOptionals(50), (price, status, name) -> {
                Map<String, String> fields = new LinkedHashMap<>(Map.of("price", price));
                status.ifPresent(value -> fields.put("status", value));
                name.ifPresent(value -> fields.put("name", value));
                return fields;
            })),
            // a price is required: null, or empty text, is none
            Map.of("price", Generate.frequency(Pair.of(9, REFUSED_PRICES), Pair.of(1, Generate.pick(List.of("null",
                            "\"\"")))),
                    "status", REFUSED_STATUSES,
                    "name", REFUSED_NAMES));

    /** {@code PATCH /products/{id}}: any of the three, one of them at least with a value. */
    static final BadJson.Endpoint CHANGE = new BadJson.Endpoint(BadJson.inAnyOrder(
            integers().between(0, 2).zip(PRICES.toOptionals(50), STATUSES.toOptionals(50), NAMES.toOptionals(50),
                    (given, price, status, name) -> {
                        Map<String, String> fields = new LinkedHashMap<>();
                        price.ifPresent(value -> fields.put("price", value));
                        status.ifPresent(value -> fields.put("status", value));
                        name.ifPresent(value -> fields.put("name", value));
                        // the one the change is surely about
                        switch (given) {
                            case 0 -> fields.put("price", "1200");
                            case 1 -> fields.put("status", "\"SoldOut\"");
                            default -> fields.put("name", "\"Cold brew\"");
                        }
                        return fields;
                    })),
            Map.of("price", REFUSED_PRICES, "status", REFUSED_STATUSES, "name", REFUSED_NAMES));

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EmbeddedKafkaBroker broker;

    long product;

    @BeforeAll
    void aProductToChange() {
        HttpResponse<String> registered = send("POST", "/products", new Body("a product to change",
                "application/json", "{\"price\":2500,\"name\":\"Espresso\"}".getBytes(StandardCharsets.UTF_8), 0));
        assertThat(registered.statusCode()).isEqualTo(201);
        product = Long.parseLong(registered.headers().firstValue("Location").orElseThrow().replaceAll(".*/", ""));
    }

    @Test
    void everyBadRegistrationIsRefusedAsAProblemAndStoresNothing() {
        long published = publishedEvents();

        qt().withExamples(TRIES).withShrinkCycles(SHRINK_CYCLES).forAll(BadJson.badBodies(REGISTRATION))
                .checkAssert(body -> {
                    long before = products();

                    HttpResponse<String> answer = send("POST", "/products", body);

                    assertRefused(body, answer);
                    assertThat(products()).as("products stored").isEqualTo(before);
                });

        assertThat(publishedEvents()).as("product events published").isEqualTo(published);
    }

    @Test
    void everyBadChangeIsRefusedAsAProblemAndChangesNothing() {
        long published = publishedEvents();

        qt().withExamples(TRIES).withShrinkCycles(SHRINK_CYCLES).forAll(BadJson.badBodies(CHANGE))
                .checkAssert(body -> {
                    // each try on its own, so that a failure shrinks to the body that changed the product
                    Map<String, Object> unchanged = stored(product);
                    long before = products();

                    HttpResponse<String> answer = send("PATCH", "/products/" + product, body);

                    assertRefused(body, answer);
                    assertThat(stored(product)).as("the product").isEqualTo(unchanged);
                    assertThat(products()).as("products stored").isEqualTo(before);
                });

        assertThat(publishedEvents()).as("product events published").isEqualTo(published);
    }

    /** Without this, a generator that only ever made broken bases would pass the properties above for nothing. */
    @Test
    void theBodiesTheBadOnesAreMadeFromAreAccepted() {
        qt().withExamples(20).withShrinkCycles(SHRINK_CYCLES).forAll(BadJson.validBodies(REGISTRATION))
                .checkAssert(json -> {
                    long before = products();

                    HttpResponse<String> answer = send("POST", "/products", valid(json));

                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
                    assertThat(products()).isEqualTo(before + 1);
                });
        qt().withExamples(20).withShrinkCycles(SHRINK_CYCLES).forAll(BadJson.validBodies(CHANGE))
                .checkAssert(json -> assertThat(send("PATCH", "/products/" + product, valid(json)).statusCode())
                        .isEqualTo(200));
    }

    private static Body valid(String json) {
        return new Body("valid", "application/json", json.getBytes(StandardCharsets.UTF_8), 0);
    }

    private static void assertRefused(Body body, HttpResponse<String> answer) {
        BadJson.assertProblem(body.refusedWith(), answer.statusCode(),
                answer.headers().firstValue("Content-Type").orElse(null), answer.body());
    }

    private long products() {
        return jdbc.sql("SELECT COUNT(*) FROM product").query(Long.class).single();
    }

    private Map<String, Object> stored(long id) {
        return jdbc.sql("SELECT name, price, status, version FROM product WHERE id = ?").param(id).query().singleRow();
    }

    /**
     * How many product events have reached Kafka, once the outbox has handed on all it holds: the same before and
     * after a property, or a refused body was published.
     */
    private long publishedEvents() {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(() ->
                jdbc.sql("SELECT COUNT(*) FROM outbox_event").query(Long.class).single() == 0);
        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            Map<TopicPartition, OffsetSpec> ends = kafka.describeTopics(List.of(Topics.PRODUCT_EVENTS))
                    .allTopicNames().get().get(Topics.PRODUCT_EVENTS).partitions().stream()
                    .collect(Collectors.toMap(partition -> new TopicPartition(Topics.PRODUCT_EVENTS,
                            partition.partition()), partition -> OffsetSpec.latest()));
            return kafka.listOffsets(ends).all().get().values().stream().mapToLong(end -> end.offset()).sum();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** As a clerk, who may register and change products: what is refused is refused for the body alone. */
    private HttpResponse<String> send(String method, String path, Body body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TestIssuer.get().clerk())
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        if (body.contentType() != null) {
            request.header("Content-Type", body.contentType());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("no answer to " + method + " " + path + " with " + body, e);
        }
    }
}
