package io.sirenorder.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /orders}: pages of orders, newest first. */
class OrderListTest extends OrderServiceTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeEach
    void productOneIsOrderable() {
        productService.available(1, 3500);
    }

    @Test
    void theNewestOrdersComeFirstPageByPage() {
        long first = place(1);
        long second = place(2);
        long third = place(3);
        long total = storedOrders();

        JsonNode firstPage = page("/orders?page=0&size=2");
        JsonNode secondPage = page("/orders?page=1&size=2");

        assertThat(ids(firstPage)).containsExactly(third, second);
        assertThat(ids(secondPage).getFirst()).isEqualTo(first);
        assertThat(firstPage.get("content").get(0)).isEqualTo(get("/orders/" + third).json());
        assertThat(firstPage.get("page")).isEqualTo(JSON.readTree("""
                {"size": 2, "number": 0, "totalElements": %d, "totalPages": %d}"""
                .formatted(total, (total + 1) / 2)));
        assertThat(secondPage.get("page").get("number").asInt()).isEqualTo(1);
    }

    @Test
    void withoutParametersItIsTheFirstPageOfTwenty() {
        while (storedOrders() < 21) {
            place(1);
        }

        JsonNode page = page("/orders");

        assertThat(page.get("content")).hasSize(20);
        assertThat(page.get("page").get("size").asInt()).isEqualTo(20);
        assertThat(page.get("page").get("number").asInt()).isZero();
        assertThat(page.get("page").get("totalElements").asLong()).isEqualTo(storedOrders());
    }

    @Test
    void aPageHoldsAtMostOneHundred() {
        place(1);

        JsonNode page = page("/orders?size=100");

        assertThat(page.get("page").get("size").asInt()).isEqualTo(100);
        assertThat(page.get("content").size()).isEqualTo((int) Math.min(100, storedOrders()));
    }

    @Test
    void aPageBeyondTheLastIsEmpty() {
        place(1);

        JsonNode page = page("/orders?page=" + Integer.MAX_VALUE + "&size=100");

        assertThat(page.get("content")).isEmpty();
        assertThat(page.get("page").get("totalElements").asLong()).isEqualTo(storedOrders());
        assertThat(page.get("page").get("totalPages").asLong()).isEqualTo((storedOrders() + 99) / 100);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            page=-1             | page | must be 0 or more
            size=0              | size | must be between 1 and 100
            size=101            | size | must be between 1 and 100
            size=-5             | size | must be between 1 and 100
            page=abc            | page | must be a whole number
            size=1.5            | size | must be a whole number
            page=99999999999    | page | is out of range""")
    void aPageOutOfBoundsIsABadRequestNamingTheParameter(String query, String parameter, String message) {
        JsonNode problem = assertProblem(get("/orders?" + query), 400);

        assertThat(problem.get("detail").asString()).contains(parameter + " " + message);
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(parameter);
        assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo(message);
    }

    @Test
    void everyParameterOutOfBoundsIsNamedAtOnce() {
        JsonNode problem = assertProblem(get("/orders?page=-1&size=0"), 400);

        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("page", "size");
    }

    private long place(int quantity) {
        Response placed = post("/orders", "{\"productId\": 1, \"quantity\": " + quantity + "}");
        assertThat(placed.status()).isEqualTo(201);
        return placed.json().get("id").asLong();
    }

    private JsonNode page(String path) {
        Response response = get(path);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private static List<Long> ids(JsonNode page) {
        return StreamSupport.stream(page.get("content").spliterator(), false)
                .map(order -> order.get("id").asLong()).toList();
    }
}
