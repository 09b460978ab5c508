package io.sirenorder.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Every bad input is a 4xx problem that says what is wrong, and nothing is stored or even checked. */
class BadInputTest extends OrderServiceTestBase {

    long ordersBefore;

    @BeforeEach
    void productOneWouldBeOrderable() {
        productService.available(1, 3500);
        ordersBefore = storedOrders();
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of("{}", "productId", "is required"),
                Arguments.of("{\"productId\": null}", "productId", "is required"),
                Arguments.of("{\"productId\": 0}", "productId", "must be a positive number"),
                Arguments.of("{\"productId\": -4}", "productId", "must be a positive number"),
                Arguments.of("{\"productId\": \"abc\"}", "productId", "must be a whole number"),
                Arguments.of("{\"productId\": 1.5}", "productId", "must be a whole number"),
                Arguments.of("{\"productId\": 99999999999999999999}", "productId", "is out of range"),
                Arguments.of("{\"productId\": [1]}", "productId", "must be a whole number"),
                Arguments.of("{\"productId\": 1, \"quantity\": 0}", "quantity", "must be at least 1"),
                Arguments.of("{\"productId\": 1, \"quantity\": -1}", "quantity", "must be at least 1"),
                Arguments.of("{\"productId\": 1, \"quantity\": 101}", "quantity", "must be at most 100"),
                Arguments.of("{\"productId\": 1, \"quantity\": \"101\"}", "quantity", "must be at most 100"),
                Arguments.of("{\"productId\": 1, \"quantity\": 1.5}", "quantity", "must be a whole number"),
                Arguments.of("{\"productId\": 1, \"quantity\": 2.0}", "quantity", "must be a whole number"),
                Arguments.of("{\"productId\": 1, \"quantity\": \"1.5\"}", "quantity", "must be a whole number"),
                Arguments.of("{\"productId\": 1, \"quantity\": \"three\"}", "quantity", "must be a whole number"),
                Arguments.of("{\"productId\": 1, \"quantity\": \"\"}", "quantity", "must be a whole number"),
                Arguments.of("{\"productId\": 1, \"quantity\": true}", "quantity", "must be a whole number"),
                Arguments.of("{\"productId\": 1, \"quantity\": 3000000000}", "quantity", "is out of range"),
                Arguments.of("{\"productId\": 1, \"quantity\": \"3000000000\"}", "quantity", "is out of range"),
                Arguments.of("{\"productId\": 1, \"tip\": 500}", "tip", "is not a known property"),
                Arguments.of("{\"productId\": 1, \"customerId\": {}}", "customerId", "must be text"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFields")
    void anInvalidFieldIsABadRequestNamingIt(String body, String field, String message) {
        Response response = post("/orders", body);

        JsonNode problem = assertProblem(response, 400);
        assertThat(problem.get("detail").asString()).contains(field + " " + message);
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo(message);
        assertNothingHappened();
    }

    @Test
    void everyInvalidFieldIsNamedAtOnce() {
        JsonNode problem = assertProblem(post("/orders", """
                {"productId": 0, "quantity": 0}"""), 400);

        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("productId", "quantity");
        assertNothingHappened();
    }

    static Stream<Arguments> unreadableBodies() {
        return Stream.of(
                Arguments.of("", "The request body is missing: it must be a JSON object."),
                Arguments.of("null", "The request body is missing: it must be a JSON object."),
                Arguments.of("[1]", "The request body must be a single JSON object."),
                Arguments.of("\"productId\"", "The request body must be a single JSON object."),
                Arguments.of("productId=1", "The request body is not valid JSON (line 1, column 1)."),
                Arguments.of("{\"productId\": 1", "The request body is not valid JSON (line 1, column 16)."),
                Arguments.of("{\"productId\": 1} {}", "The request body must be a single JSON object."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableBodies")
    void anUnreadableBodyIsABadRequest(String body, String detail) {
        JsonNode problem = assertProblem(post("/orders", body), 400);

        assertThat(problem.get("detail").asString()).isEqualTo(detail);
        assertNothingHappened();
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
        assertProblem(post("/orders", "text/plain", "{\"productId\": 1}"), 415);
        assertProblem(post("/orders", "application/x-www-form-urlencoded", "productId=1"), 415);
        // not parsed as multipart first: a malformed one was a 500 (found by OrderBadInputProperties)
        assertProblem(post("/orders", "multipart/form-data; boundary=x", "{\"productId\": 1}"), 415);
        assertNothingHappened();
    }

    @Test
    void anUnsupportedMethodIsNotAllowed() {
        Response response = send(HttpRequest.newBuilder(uri("/orders/1"))
                .header("Authorization", "Bearer " + ISSUER.clerk()).DELETE());

        assertProblem(response, 405);
        // Spring lists the methods in no fixed order
        assertThat(response.header("Allow").split(", ")).containsExactlyInAnyOrder("GET", "PATCH");
    }

    @Test
    void anUnknownPathIsNotFound() {
        assertProblem(get("/nothing-here"), 404);
    }

    private void assertNothingHappened() {
        assertThat(storedOrders()).isEqualTo(ordersBefore);
        assertThat(productService.calls()).isZero();
    }
}
