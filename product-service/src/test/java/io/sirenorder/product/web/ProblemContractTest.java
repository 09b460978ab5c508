package io.sirenorder.product.web;

import io.sirenorder.problems.ProblemContract;
import io.sirenorder.testing.security.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** Product's errors in the body every service answers with (see siren-problems). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 3)
class ProblemContractTest {

    @LocalServerPort
    int port;

    @Test
    void anUnreadableBodyIsABadRequestThatShowsNoParserInternals() {
        new ProblemContract(port, TestIssuer.get().clerk()).post("/products", "{\"price\":").isProblem("""
                {"type":"about:blank","title":"Bad Request","status":400,
                 "detail":"The request body is not valid JSON (line 1, column 10).","instance":"/products"}""");
    }

    @Test
    void anInvalidProductIsABadRequestNamingTheField() {
        new ProblemContract(port, TestIssuer.get().clerk()).post("/products", "{\"price\":-1}").isProblem("""
                {"type":"about:blank","title":"Bad Request","status":400,
                 "detail":"The product is invalid: price must be 0 or more (KRW), not -1.","instance":"/products",
                 "errors":[{"field":"price","message":"must be 0 or more (KRW), not -1"}]}""");
    }
}
