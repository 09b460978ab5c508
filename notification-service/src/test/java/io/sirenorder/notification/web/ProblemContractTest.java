package io.sirenorder.notification.web;

import io.sirenorder.notification.NotificationServiceTest;
import io.sirenorder.problems.ProblemContract;
import io.sirenorder.testing.security.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Notification's errors in the body every service answers with (see siren-problems), though it runs on WebFlux;
 * it reads no request bodies.
 */
@NotificationServiceTest
class ProblemContractTest {

    @LocalServerPort
    int port;

    @Test
    void anUnsupportedMethodIsAMethodNotAllowed() {
        new ProblemContract(port, TestIssuer.get().clerk()).send("POST", "/notifications/stream").isProblem("""
                {"type":"about:blank","title":"Method Not Allowed","status":405,
                 "detail":"Method 'POST' is not supported.","instance":"/notifications/stream"}""");
    }

    @Test
    void anUnknownPathIsNotFound() {
        new ProblemContract(port, TestIssuer.get().clerk()).send("GET", "/nothing-here").isProblem("""
                {"type":"about:blank","title":"Not Found","status":404,
                 "detail":"No static resource nothing-here.","instance":"/nothing-here"}""");
    }
}
