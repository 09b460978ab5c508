package io.sirenorder.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sirenorder.local.Service;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole system, each service its own process started exactly as {@code ./siren up} starts it (on free ports
 * and a temporary home, so it runs beside a real {@code ./siren up}), driven only through the gateway.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SirenOrderIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PROPAGATION = Duration.ofSeconds(20);

    @RegisterExtension
    static final RunningSystem running = RunningSystem.onH2();

    /** The seed's six commands, as httpie sends them: numbers as JSON strings. */
    @Test
    @Order(1)
    void theSeedsCommandsWorkUnmodified() {
        HttpResponse<String> registered = call(running.clerk(), "POST", "/products",
                "{\"price\":\"3500\",\"status\":\"Available\"}");
        assertThat(registered.statusCode()).isEqualTo(201);
        assertThat(registered.headers().firstValue("Location")).contains("/products/1");

        HttpResponse<String> soldOut = call(running.clerk(), "PATCH", "/products/1", "{\"status\":\"SoldOut\"}");
        assertThat(soldOut.statusCode()).isEqualTo(200);
        assertThat(json(soldOut).get("status").asString()).isEqualTo("SoldOut");

        HttpResponse<String> order = call(running.customer("ada"), "POST", "/orders", "{\"productId\":\"1\"}");
        assertThat(order.statusCode()).as("ordering a sold-out product").isEqualTo(409);
        assertThat(order.headers().firstValue("Content-Type")).contains("application/problem+json");

        assertThat(call(running.clerk(), "GET", "/orders/1", null).statusCode()).as("the refused order was not stored")
                .isEqualTo(404);

        HttpResponse<String> product = call(running.http(), "GET", "/products/1", null);
        assertThat(product.statusCode()).isEqualTo(200);
        assertThat(json(product).get("price").asInt()).isEqualTo(3500);
        assertThat(json(product).get("status").asString()).isEqualTo("SoldOut");

        await().atMost(PROPAGATION).untilAsserted(() -> {
            JsonNode report = only(json(call(running.clerk(), "GET", "/reports", null)), 1);
            assertThat(report.get("status").asString()).isEqualTo("SoldOut");
            assertThat(report.get("ordersPlaced").asLong()).isZero();
        });
        assertThat(call(running.http(), "GET", "/products/checkProduct?productId=1", null).body()).isEqualTo("0");
    }

    @Test
    @Order(2)
    void anAvailableProductIsOrderedAndTheReportCountsIt() {
        long productId = register("{\"price\":\"4500\",\"name\":\"Latte\"}");

        HttpResponse<String> order = call(running.customer("ada"), "POST", "/orders",
                "{\"productId\":\"" + productId + "\",\"quantity\":\"2\"}");

        assertThat(order.statusCode()).isEqualTo(201);
        String location = order.headers().firstValue("Location").orElseThrow();
        JsonNode stored = json(call(running.customer("ada"), "GET", location, null));
        assertThat(stored.get("status").asString()).isEqualTo("Ordered");
        assertThat(stored.get("price").asInt()).isEqualTo(4500);
        assertThat(stored.get("quantity").asInt()).isEqualTo(2);
        await().atMost(PROPAGATION).untilAsserted(() -> {
            JsonNode report = json(call(running.clerk(), "GET", "/reports/" + productId, null));
            assertThat(report.get("ordersPlaced").asLong()).isEqualTo(1);
            assertThat(report.get("revenue").asLong()).isEqualTo(9000);
        });
    }

    @Test
    @Order(3)
    void anOrderForASoldOutProductIsRefusedAndNothingIsStored() {
        long productId = register("{\"price\":3000,\"status\":\"SoldOut\"}");
        long ordersBefore = orderCount();

        HttpResponse<String> order = call(running.customer("ada"), "POST", "/orders",
                "{\"productId\":" + productId + "}");

        assertThat(order.statusCode()).isEqualTo(409);
        assertThat(json(order).get("detail").asString()).contains("sold out");
        assertThat(orderCount()).isEqualTo(ordersBefore);
    }

    @Test
    @Order(4)
    void theMenuLosesASoldOutItemAndTheReportShowsIt() {
        long productId = register("{\"price\":5000,\"name\":\"Mocha\"}");
        await().atMost(PROPAGATION).until(() -> menuIds().contains(productId));

        assertThat(call(running.clerk(), "PATCH", "/products/" + productId, "{\"status\":\"SoldOut\"}").statusCode())
                .isEqualTo(200);

        await().atMost(PROPAGATION).until(() -> !menuIds().contains(productId));
        await().atMost(PROPAGATION).untilAsserted(() -> {
            JsonNode report = json(call(running.clerk(), "GET", "/reports/" + productId, null));
            assertThat(report.get("status").asString()).isEqualTo("SoldOut");
            assertThat(report.get("name").asString()).isEqualTo("Mocha");
        });
    }

    /** The seed's fault-isolation demonstration: the clerks keep working while order is down, and order catches up. */
    @Test
    @Order(5)
    void productsRegisteredWhileOrderIsDownReachItsMenuWhenItReturns() {
        running.local().stop(Service.ORDER);

        HttpResponse<String> whileDown = call(running.http(), "GET", "/menu", null);
        assertThat(whileDown.statusCode()).isEqualTo(503);
        assertThat(whileDown.headers().firstValue("Content-Type")).contains("application/problem+json");
        List<Long> registered = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            registered.add(register("{\"price\":\"" + (1000 + i * 100) + "\"}"));
        }

        running.local().start(Service.ORDER);

        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(menuIds()).containsAll(registered));
    }

    /** Who may do what, with tokens from the system's own auth service: checked at the gateway and again behind it. */
    @Test
    @Order(6)
    void eachCallerMayDoWhatTheirRoleAllowsAndNoMore() {
        String product = "{\"price\":3800,\"name\":\"Flat White\"}";
        long productId = register(product);
        await().atMost(PROPAGATION).until(() -> menuIds().contains(productId));
        String order = "{\"productId\":" + productId + ",\"customerId\":\"cyd\"}";

        assertThat(call(running.http(), "GET", "/menu", null).statusCode()).isEqualTo(200);
        assertThat(call(running.http(), "POST", "/products", product).statusCode()).isEqualTo(401);
        assertThat(call(running.http(), "POST", "/orders", order).statusCode()).isEqualTo(401);
        assertThat(call(running.http(), "GET", "/reports", null).statusCode()).isEqualTo(401);

        HttpResponse<String> placed = call(running.customer("bea"), "POST", "/orders", order);
        assertThat(placed.statusCode()).isEqualTo(201);
        assertThat(json(placed).get("customerId").asString()).as("the token's customer, not the body's")
                .isEqualTo("bea");
        String location = placed.headers().firstValue("Location").orElseThrow();
        assertThat(call(running.customer("bea"), "GET", location, null).statusCode()).isEqualTo(200);
        assertThat(call(running.customer("cyd"), "GET", location, null).statusCode()).isEqualTo(404);
        assertThat(call(running.clerk(), "GET", location, null).statusCode()).isEqualTo(200);
        assertThat(call(running.customer("bea"), "POST", "/products", product).statusCode()).isEqualTo(403);
        assertThat(call(running.customer("bea"), "GET", "/reports", null).statusCode()).isEqualTo(403);
        assertThat(call(running.clerk(), "POST", "/orders", order).statusCode()).isEqualTo(403);

        // round the gateway, straight at the services, the same rules hold
        String productService = running.local().baseUrl(Service.PRODUCT);
        assertThat(running.http().send("POST", productService + "/products", product).statusCode()).isEqualTo(401);
        assertThat(running.customer("bea").send("POST", productService + "/products", product).statusCode())
                .isEqualTo(403);
        assertThat(running.customer("cyd").send("GET", running.local().baseUrl(Service.ORDER) + location, null)
                .statusCode()).isEqualTo(404);

        // a customer who makes themselves a clerk by editing their token is no longer anyone at all
        String[] parts = running.customerToken("bea").split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"customer\"", "\"clerk\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        JsonHttp forger = new JsonHttp(HttpClient.newHttpClient(), forged);
        assertThat(forger.send("POST", running.local().baseUrl(Service.GATEWAY) + "/products", product).statusCode())
                .isEqualTo(401);
        assertThat(forger.send("POST", productService + "/products", product).statusCode()).isEqualTo(401);
    }

    /**
     * An order's life, end to end: the barista's queue, a clerk's moves, a customer's cancellation; each move
     * pushed to its customer in order, and the report counting the cancelled order apart.
     */
    @Test
    @Order(8)
    void anOrderLivesItsLifeAndEveryServiceHearsOfEachMove() {
        long productId = register("{\"price\":4000,\"name\":\"Cortado\"}");
        await().atMost(PROPAGATION).until(() -> menuIds().contains(productId));
        running.awaitNotificationListening();
        String order = "{\"productId\":" + productId + "}";

        try (var deesStream = new NotificationStream(HttpClient.newHttpClient(),
                running.local().baseUrl(Service.GATEWAY), running.customerToken("dee"), "order")) {
            long picked = json(call(running.customer("dee"), "POST", "/orders", order)).get("id").asLong();
            long cancelled = json(call(running.customer("dee"), "POST", "/orders", order)).get("id").asLong();

            JsonNode queue = json(call(running.clerk(), "GET", "/orders?status=Ordered,Preparing,Ready&size=100",
                    null));
            assertThat(StreamSupport.stream(queue.get("content").spliterator(), false)
                    .map(entry -> entry.get("id").asLong()).toList()).isSorted().contains(picked, cancelled);
            for (String status : List.of("Preparing", "Ready", "PickedUp")) {
                assertThat(call(running.clerk(), "PATCH", "/orders/" + picked, "{\"status\":\"" + status + "\"}")
                        .statusCode()).isEqualTo(200);
            }
            assertThat(call(running.customer("eve"), "PATCH", "/orders/" + cancelled, "{\"status\":\"Cancelled\"}")
                    .statusCode()).as("someone else's order").isEqualTo(404);
            assertThat(call(running.customer("dee"), "PATCH", "/orders/" + cancelled, "{\"status\":\"Cancelled\"}")
                    .statusCode()).isEqualTo(200);
            HttpResponse<String> late = call(running.clerk(), "PATCH", "/orders/" + cancelled,
                    "{\"status\":\"Preparing\"}");
            assertThat(late.statusCode()).isEqualTo(409);
            assertThat(json(late).get("currentStatus").asString()).isEqualTo("Cancelled");
            assertThat(json(late).get("version").asLong()).isEqualTo(2);

            await().atMost(PROPAGATION).untilAsserted(() -> {
                assertThat(statusesPushed(deesStream, picked)).containsExactly("1:Ordered", "2:Preparing", "3:Ready",
                        "4:PickedUp");
                assertThat(statusesPushed(deesStream, cancelled)).containsExactly("1:Ordered", "2:Cancelled");
            });
        }
        await().atMost(PROPAGATION).untilAsserted(() -> {
            JsonNode report = json(call(running.clerk(), "GET", "/reports/" + productId, null));
            assertThat(report.get("ordersPlaced").asLong()).isEqualTo(1);
            assertThat(report.get("itemsSold").asLong()).isEqualTo(1);
            assertThat(report.get("revenue").asLong()).isEqualTo(4000);
            assertThat(report.get("ordersCancelled").asLong()).isEqualTo(1);
        });
    }

    private static List<String> statusesPushed(NotificationStream stream, long orderId) {
        return stream.events().stream().filter(event -> event.get("orderId").asLong() == orderId)
                .map(event -> event.get("version").asLong() + ":" + event.get("status").asString()).toList();
    }

    private long register(String body) {
        HttpResponse<String> response = call(running.clerk(), "POST", "/products", body);
        assertThat(response.statusCode()).as("registering %s: %s", body, response.body()).isEqualTo(201);
        return json(response).get("id").asLong();
    }

    private List<Long> menuIds() {
        return StreamSupport.stream(json(call(running.http(), "GET", "/menu", null)).spliterator(), false)
                .map(item -> item.get("productId").asLong())
                .toList();
    }

    private long orderCount() {
        return json(call(running.clerk(), "GET", "/orders?size=1", null)).get("page").get("totalElements").asLong();
    }

    private static JsonNode only(JsonNode array, long productId) {
        return StreamSupport.stream(array.spliterator(), false)
                .filter(item -> item.get("productId").asLong() == productId)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line for product " + productId + " in " + array));
    }

    /** A request through the gateway, by {@code caller}. */
    private static HttpResponse<String> call(JsonHttp caller, String method, String path, String body) {
        return caller.send(method, running.local().baseUrl(Service.GATEWAY) + path, body);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /**
     * Nothing is open to the network unless asked ({@code ./siren up --public} opens the gateway, the one door): the
     * gateway, the services, Kafka and their data listen on this machine's loopback only.
     */
    @Test
    @Order(7)
    void nothingIsOpenToTheNetwork() {
        ListeningSockets listening = ListeningSockets.now();

        for (Service service : List.of(Service.KAFKA, Service.AUTH, Service.PRODUCT, Service.ORDER, Service.REPORT,
                Service.NOTIFICATION, Service.GATEWAY)) {
            assertThat(listening.onPort(running.local().port(service))).as("%s's listening sockets", service)
                    .isNotEmpty()
                    .allMatch(ListeningSockets.Socket::isLoopbackOnly);
        }
    }
}
