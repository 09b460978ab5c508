package io.sirenorder.order;

import io.sirenorder.problems.ProblemContract;
import io.sirenorder.testing.security.TestIssuer;
import org.junit.jupiter.api.Test;

/** Order's errors in the body every service answers with (see siren-problems). */
class ProblemContractTest extends OrderServiceTestBase {

    @Test
    void anUnreadableBodyIsABadRequestThatShowsNoParserInternals() {
        new ProblemContract(port, TestIssuer.get().customer("ada")).post("/orders", "{\"productId\": 1").isProblem("""
                {"type":"about:blank","title":"Bad Request","status":400,
                 "detail":"The request body is not valid JSON (line 1, column 16).","instance":"/orders"}""");
    }

    @Test
    void anInvalidOrderIsABadRequestNamingTheField() {
        new ProblemContract(port, TestIssuer.get().customer("ada")).post("/orders", "{\"productId\": 0}").isProblem("""
                {"type":"about:blank","title":"Bad Request","status":400,
                 "detail":"The order is invalid: productId must be a positive number.","instance":"/orders",
                 "errors":[{"field":"productId","message":"must be a positive number"}]}""");
    }
}
