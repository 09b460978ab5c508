package io.sirenorder.notification.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sirenorder.notification.NotificationServiceTest;
import io.sirenorder.testing.security.NetworkAddress;
import io.sirenorder.testing.security.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A token on the stream is checked like any other, and is read from the query on the stream alone. */
@NotificationServiceTest
class NotificationSecurityTest {

    private static final TestIssuer ISSUER = TestIssuer.get();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void aStreamOpenedWithATokenThatIsNotGoodIsRefusedNotMadeAnonymous() throws Exception {
        // a clerk's stream hears of every order: a customer who makes their token a clerk's is refused with the rest
        for (String bad : new String[] {ISSUER.expired("kim", "customer"), ISSUER.signedByAnotherKey("kim", "customer"),
                ISSUER.fromAnotherIssuer("kim", "customer"), ISSUER.unsigned("kim", "customer"), ISSUER.tampered("kim"),
                ISSUER.expired("clerk", "clerk"), ISSUER.unsigned("kim", "clerk")}) {
            HttpResponse<String> answer = get("/notifications/stream?access_token=" + bad);

            assertThat(answer.statusCode()).as(bad).isEqualTo(401);
            assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Bearer"));
        }
    }

    @Test
    void aTokenInTheQueryCountsOnTheStreamOnly() throws Exception {
        // a clerk's token, in the query of any other path, is no token at all
        assertThat(get("/notifications/other?access_token=" + ISSUER.clerk()).statusCode()).isEqualTo(401);
    }

    @Test
    void actuatorsHealthAnswersAnyoneItsOtherEndpointsThisMachineOnly() throws Exception {
        String network = NetworkAddress.ofThisMachine().orElse(null);
        assumeTrue(network != null, "this machine has no address but loopback");

        assertThat(get(network, "/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get(network, "/actuator/metrics").statusCode()).isEqualTo(401);
        assertThat(get("127.0.0.1", "/actuator/metrics").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get("127.0.0.1", path);
    }

    private HttpResponse<String> get(String host, String path) throws Exception {
        // the answers here end the exchange at once; a stream that opened would not, so a timeout bounds it
        return http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
