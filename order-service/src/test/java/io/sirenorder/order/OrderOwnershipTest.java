package io.sirenorder.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Whose orders are whose: the token's subject owns what it orders, sees only that, and clerks see everything. */
class OrderOwnershipTest extends OrderServiceTestBase {

    @BeforeEach
    void productOnSale() {
        productService.available(1, 3500);
    }

    @Test
    void anOrderIsTheTokensCustomersWhateverTheBodySays() {
        Response placed = post("/orders", "application/json", """
                {"productId": 1, "customerId": "bea"}""", ISSUER.customer("cyd"));

        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.json().get("customerId").asString()).isEqualTo("cyd");
        assertThat(publishedOrders()).anySatisfy(order -> {
            assertThat(order.orderId()).isEqualTo(placed.json().get("id").asLong());
            assertThat(order.customerId()).isEqualTo("cyd");
        });
    }

    @Test
    void aCustomerReadsTheirOwnOrderButAnothersIsNotFoundAsIfItDidNotExist() {
        String order = post("/orders", "application/json", "{\"productId\": 1}", ISSUER.customer("dee"))
                .header("Location");

        assertThat(get(order, ISSUER.customer("dee")).status()).isEqualTo(200);
        Response someoneElses = get(order, ISSUER.customer("eve"));
        Response nobodys = get("/orders/999999999", ISSUER.customer("eve"));
        assertProblem(someoneElses, 404);
        assertProblem(nobodys, 404);
        String id = order.substring("/orders/".length());
        assertThat(someoneElses.json().get("detail").asString())
                .isEqualTo(nobodys.json().get("detail").asString().replace("999999999", id));
        assertThat(get(order).status()).as("a clerk reads every order").isEqualTo(200);
    }

    @Test
    void aCustomersListHoldsOnlyTheirOwnOrdersAClerksEveryOrder() {
        post("/orders", "application/json", "{\"productId\": 1}", ISSUER.customer("fay"));
        post("/orders", "application/json", "{\"productId\": 1}", ISSUER.customer("fay"));
        post("/orders", "application/json", "{\"productId\": 1}", ISSUER.customer("gus"));

        JsonNode fays = get("/orders?size=100", ISSUER.customer("fay")).json();
        assertThat(fays.get("content").findValuesAsString("customerId")).containsExactly("fay", "fay");
        assertThat(fays.get("page").get("totalElements").asLong()).isEqualTo(2);
        JsonNode everyones = get("/orders?size=100").json();
        assertThat(everyones.get("page").get("totalElements").asLong()).isEqualTo(storedOrders());
    }

    @Test
    void onlyACustomerPlacesAnOrderAndARefusedOneStoresNothing() {
        long before = storedOrders();

        assertProblem(post("/orders", "application/json", "{\"productId\": 1}", ISSUER.clerk()), 403);
        Response anonymous = send(HttpRequest.newBuilder(uri("/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"productId\": 1}")));
        assertProblem(anonymous, 401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(storedOrders()).isEqualTo(before);
    }

    @Test
    void theCheckWithProductCarriesTheCustomersToken() {
        productService.reset();
        productService.available(1, 3500);
        String token = ISSUER.customer("hal");

        assertThat(post("/orders", "application/json", "{\"productId\": 1}", token).status()).isEqualTo(201);

        assertThat(productService.authorizations()).containsExactly("Bearer " + token);
    }
}
