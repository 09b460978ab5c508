package io.sirenorder.problems;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The protocol errors and a service's own exceptions, each answered as the one problem body. */
@SpringBootTest(classes = ServletProblemResponsesTest.Service.class)
@AutoConfigureMockMvc
class ServletProblemResponsesTest {

    @Autowired
    MockMvc mvc;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"price":                | The request body is not valid JSON (line 1, column 10).
            ``                       | The request body is missing: it must be a JSON object.
            [1]                      | The request body must be a single JSON object.
            `{"price":1,"name":"La`  | The request body is not valid JSON (line 1, column 22).
            `{"price":1,"name":"L\u0001"}` | The request body is not valid JSON (line 1, column 21).
            """)
    void anUnreadableBodyIsAProblemSayingWhatIsWrongWithIt(String body, String detail) throws Exception {
        assertProblem(send("POST", "/items", "application/json", body), 400, detail, "/items");
    }

    /** Valid JSON, and beyond Jackson's limits (StreamReadConstraints): a bad request, not a failure. */
    @Test
    void aBodyBeyondTheLimitsIsABadRequest() throws Exception {
        String limits = "The request body cannot be read: it is nested too deeply, or holds a number or text too long.";
        assertProblem(send("POST", "/items", "application/json",
                "{\"price\":1,\"more\":" + "[".repeat(2000) + "]".repeat(2000) + "}"), 400, limits, "/items");
        assertProblem(send("POST", "/items", "application/json", "{\"price\":1" + "0".repeat(1500) + "}"), 400,
                limits, "/items");
        // a number given as text, as httpie sends it: the field is known
        send("POST", "/items", "application/json", "{\"price\":\"1" + "0".repeat(1500) + "\"}")
                .andExpect(content().json("""
                        {"status":400,"detail":"The request body is invalid: price is too long to be read.",
                         "errors":[{"field":"price","message":"is too long to be read"}]}"""));
    }

    @Test
    void invalidUtf8IsNotValidJson() throws Exception {
        byte[] body = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xFF, '"', '}'};
        mvc.perform(request(HttpMethod.POST, "/items").contentType("application/json").content(body))
                .andExpect(content().json("""
                        {"status":400,"detail":"The request body is not valid JSON (line 1, column 11)."}"""));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            POST | /items     | text/plain       | price=1 | 415 | Content-Type 'text/plain' is not supported.
            PUT  | /items     | application/json | {}      | 405 | Method 'PUT' is not supported.
            GET  | /items/abc |                  |         | 404 | Nothing exists with itemId 'abc'.
            GET  | /items/7   |                  |         | 404 | Item 7 does not exist.
            GET  | /broken    |                  |         | 500 | The service failed to answer the request.
            """)
    void anyOtherErrorIsAProblemToo(String method, String path, String contentType, String body, int status,
            String detail) throws Exception {
        assertProblem(send(method, path, contentType, body), status, detail, path);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            POST | /items                 | {"price":"abc"}       | The request body | price | must be a whole number
            POST | /items                 | {"price":3000000000}  | The request body | price | is out of range
            POST | /items                 | {"price":1,"name":{}} | The request body | name  | must be text
            GET  | /items?size=x          |                       | The request      | size  | must be a whole number
            GET  | /items?size=3000000000 |                       | The request      | size  | is out of range
            GET  | /items                 |                       | The request      | size  | is required
            """)
    void badInputIsAProblemNamingTheField(String method, String path, String body, String what, String field,
            String message) throws Exception {
        send(method, path, body == null ? null : "application/json", body).andExpect(content().json("""
                {"type":"about:blank","title":"Bad Request","status":400,
                 "detail":"%s is invalid: %s %s.","instance":"/items",
                 "errors":[{"field":"%s","message":"%s"}]}""".formatted(what, field, message, field, message),
                JsonCompareMode.STRICT));
    }

    @Test
    void aProblemCanSayWhenToTryAgain() throws Exception {
        send("GET", "/busy", null, null)
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(content().json("""
                        {"status":503,"detail":"Too busy, try again shortly."}"""));
    }

    @Test
    void aProblemCarriesTheMembersAClientActsOn() throws Exception {
        send("GET", "/items/8/lock", null, null).andExpect(content().json("""
                {"type":"about:blank","title":"Conflict","status":409,"detail":"Item 8 is locked.",
                 "instance":"/items/8/lock","lockedBy":"bea","until":["noon"]}""", JsonCompareMode.STRICT));
    }

    private static void assertProblem(ResultActions answer, int status, String detail, String instance)
            throws Exception {
        answer.andExpect(content().contentType("application/problem+json")).andExpect(content().json("""
                {"type":"about:blank","title":"%s","status":%d,"detail":"%s","instance":"%s"}"""
                .formatted(HttpStatus.valueOf(status).getReasonPhrase(), status, detail, instance),
                JsonCompareMode.STRICT));
    }

    private ResultActions send(String method, String path, String contentType, String body) throws Exception {
        var request = request(HttpMethod.valueOf(method), path);
        if (contentType != null) {
            request.contentType(contentType).content(body == null ? "" : body);
        }
        return mvc.perform(request);
    }

    record Item(int price, String name) {
    }

    static class ItemNotFoundException extends RuntimeException {

        ItemNotFoundException(long itemId) {
            super("Item " + itemId + " does not exist.");
        }
    }

    static class TooBusyException extends RuntimeException {
    }

    static class ItemLockedException extends RuntimeException {

        ItemLockedException(long itemId) {
            super("Item " + itemId + " is locked.");
        }
    }

    @RestController
    static class ItemController {

        @PostMapping(path = "/items", consumes = "application/json")
        void add(@RequestBody Item item) {
        }

        @GetMapping("/items")
        void page(@RequestParam int size) {
        }

        @GetMapping("/items/{itemId}")
        void one(@PathVariable long itemId) {
            throw new ItemNotFoundException(itemId);
        }

        @GetMapping("/items/{itemId}/lock")
        void lock(@PathVariable long itemId) {
            throw new ItemLockedException(itemId);
        }

        @GetMapping("/busy")
        void busy() {
            throw new TooBusyException();
        }

        @GetMapping("/broken")
        void broken() {
            throw new IllegalStateException("connection pool exhausted");
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(ItemController.class)
    static class Service {

        @Bean
        ProblemMappings itemProblems() {
            return ProblemMappings.builder()
                    .status(ItemNotFoundException.class, HttpStatus.NOT_FOUND)
                    .problem(TooBusyException.class, e -> Problem.of(HttpStatus.SERVICE_UNAVAILABLE,
                            "Too busy, try again shortly.").retryAfter(Duration.ofMillis(1500)))
                    .problem(ItemLockedException.class, e -> Problem.of(HttpStatus.CONFLICT, e.getMessage())
                            .with("lockedBy", "bea").with("until", List.of("noon")))
                    .build();
        }
    }
}
