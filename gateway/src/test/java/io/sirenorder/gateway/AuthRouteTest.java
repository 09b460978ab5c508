package io.sirenorder.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * auth behind the gateway, on the web app's origin: it is told where each request came in (the gateway's address,
 * never what a client claims), so its redirects lead back through the gateway; its pages keep their own headers.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
@AutoConfigureWebTestClient
@TestInstance(Lifecycle.PER_CLASS)
class AuthRouteTest {

    static final StubBackend auth = StubBackend.start("auth");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("siren.services.auth", auth::url);
    }

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @BeforeEach
    void resetBackend() {
        auth.reset();
    }

    @AfterAll
    void stopBackend() {
        auth.stop();
    }

    @Test
    void authIsToldWhereTheRequestCameInSoItsRedirectsLeadBackThroughTheGateway() throws Exception {
        auth.answer(302, "", "Location", "http://localhost:" + port + "/login");
        try (HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                            "http://localhost:" + port + "/oauth2/authorize?response_type=code&client_id=web"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue(HttpHeaders.LOCATION))
                    .contains("http://localhost:" + port + "/login");
        }

        HttpHeaders received = received();
        assertThat(received.getFirst("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(received.getFirst("X-Forwarded-Host")).isEqualTo("localhost:" + port);
        assertThat(received.getFirst("X-Forwarded-Port")).isEqualTo(Integer.toString(port));
        assertThat(received.getFirst("X-Forwarded-For")).isEqualTo("127.0.0.1");
    }

    @Test
    void whatAClientClaimsInForwardedHeadersIsReplacedByWhatTheGatewaySaw() throws Exception {
        client.post().uri("/login")
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Port", "443")
                .header("X-Forwarded-For", "10.9.8.7")
                .header("X-Forwarded-Prefix", "/elsewhere")
                .header("Forwarded", "for=10.9.8.7;host=evil.example")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("username=lee&password=secret")
                .exchange()
                .expectStatus().isOk();

        HttpHeaders received = received();
        assertThat(received.get("X-Forwarded-Host")).containsExactly("localhost:" + port);
        assertThat(received.get("X-Forwarded-Proto")).containsExactly("http");
        assertThat(received.get("X-Forwarded-Port")).containsExactly(Integer.toString(port));
        assertThat(received.get("X-Forwarded-For")).containsExactly("127.0.0.1");
        assertThat(received.containsHeader("X-Forwarded-Prefix")).isFalse();
        assertThat(received.containsHeader("Forwarded")).isFalse();
    }

    @Test
    void authsSignInPageKeepsItsOwnHeadersAndGetsNoneOfTheWebAppsPolicy() {
        String page = "<!doctype html><style>body{margin:0}</style><form method=post action=/login></form>";
        auth.answer(200, page, "Content-Type", "text/html;charset=UTF-8");
        client.get().uri("/login").exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist("Content-Security-Policy")
                .expectBody(String.class).isEqualTo(page);

        auth.answer(200, page, "Content-Type", "text/html;charset=UTF-8",
                "Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'");
        client.get().uri("/login").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Content-Security-Policy",
                        "default-src 'self'; style-src 'self' 'unsafe-inline'");
    }

    private HttpHeaders received() throws InterruptedException {
        HttpHeaders headers = new HttpHeaders();
        auth.takeRequest().headers().forEach(headers::addAll);
        return headers;
    }
}
