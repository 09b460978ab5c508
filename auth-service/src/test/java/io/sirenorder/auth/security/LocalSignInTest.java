package io.sirenorder.auth.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import io.sirenorder.auth.application.Accounts;
import io.sirenorder.auth.domain.Role;
import io.sirenorder.auth.domain.User;
import io.sirenorder.local.SignIn;
import io.sirenorder.testing.metrics.PrometheusScrape;
import io.sirenorder.testing.security.NetworkAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auth as {@code ./siren up} runs it (the local profile), over real HTTP: the command line's and the web app's
 * sign-ins yield tokens the services can check, and customers are made at their first sign-in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class LocalSignInTest {

    private static final String ISSUER = "http://localhost:8080";
    /** Not a real verifier's randomness, which a test does not need; 43 characters, the shortest allowed. */
    private static final String VERIFIER = "a-test-code-verifier-of-43-characters-00000";

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    private SignIn signIn;

    @BeforeEach
    void commandLine() {
        signIn = new SignIn(auth());
    }

    @AfterEach
    void close() {
        signIn.close();
    }

    @Test
    void theCommandLineGetsATokenNamingTheUserTheirRoleAndTheIssuerSignedWithThePublishedKey() {
        String token = signIn.accessToken("clerk", "clerk");

        JWTClaimsSet claims = Tokens.verifiedClaims(token, Tokens.keySet(auth()));
        assertThat(claims.getSubject()).isEqualTo("clerk");
        assertThat(claims.getClaim("roles")).isEqualTo(List.of("clerk"));
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theDocumentedLocalCustomerSignsIn() {
        JWTClaimsSet claims = Tokens.verifiedClaims(signIn.accessToken("alice", "alice"), Tokens.keySet(auth()));

        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getClaim("roles")).isEqualTo(List.of("customer"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080", "http://127.0.0.1:8080"})
    void theWebAppSignsInThroughTheGatewayAndStaysOnItsOrigin(String gateway) {
        try (Browser browser = Browser.behindGateway(auth(), gateway)) {
            String redirectUri = gateway + "/signed-in.html";
            HttpResponse<String> authorize = browser.get(authorize("siren-web", redirectUri, "state-1"));
            assertThat(authorize.statusCode()).isEqualTo(302);
            assertThat(Browser.location(authorize)).hasValue(gateway + "/login");

            HttpResponse<String> loginPage = browser.get(gateway + "/login");
            assertThat(loginPage.statusCode()).isEqualTo(200);
            assertThat(loginPage.body()).contains("action=\"/login\"");

            HttpResponse<String> signedIn = browser.post(gateway + "/login", Map.of("username", "alice",
                    "password", "alice", "_csrf", Browser.csrfToken(loginPage)));
            assertThat(Browser.location(signedIn)).hasValueSatisfying(
                    location -> assertThat(location).startsWith(gateway + "/oauth2/authorize?"));

            HttpResponse<String> toApp = browser.get(Browser.location(signedIn).orElseThrow());
            String backToApp = Browser.location(toApp).orElseThrow();
            assertThat(backToApp).startsWith(redirectUri + "?code=").endsWith("&state=state-1");

            HttpResponse<String> token = browser.post(gateway + "/oauth2/token", Map.of(
                    "grant_type", "authorization_code", "code", parameter(backToApp, "code"),
                    "redirect_uri", redirectUri, "client_id", "siren-web", "code_verifier", VERIFIER));
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            JWTClaimsSet claims = Tokens.verifiedClaims(accessToken(token.body()), Tokens.keySet(auth()));
            assertThat(claims.getSubject()).isEqualTo("alice");
            assertThat(claims.getClaim("roles")).isEqualTo(List.of("customer"));
            assertThat(claims.getIssuer()).as("the configured issuer, whichever address the browser used")
                    .isEqualTo(ISSUER);
        }
    }

    @Test
    void aWrongPasswordGetsNoCode() {
        try (Browser browser = Browser.behindGateway(auth(), ISSUER)) {
            String authorize = authorize("siren-web", ISSUER + "/signed-in.html", "state-2");
            browser.get(authorize);
            HttpResponse<String> loginPage = browser.get(ISSUER + "/login");

            HttpResponse<String> refused = browser.post(ISSUER + "/login", Map.of("username", "alice",
                    "password", "clerk", "_csrf", Browser.csrfToken(loginPage)));
            assertThat(Browser.location(refused)).hasValue(ISSUER + "/login?error");

            assertThat(Browser.location(browser.get(authorize))).as("still not signed in").hasValue(ISSUER + "/login");
        }
        assertThatThrownBy(() -> signIn.accessToken("alice", "wrong"))
                .hasMessage("wrong password for alice, or no such user");
    }

    @Test
    void withoutPkceThereIsNoCode() {
        try (Browser browser = Browser.behindGateway(auth(), ISSUER)) {
            HttpResponse<String> loginPage = browser.get(ISSUER + "/login");
            browser.post(ISSUER + "/login", Map.of("username", "alice", "password", "alice",
                    "_csrf", Browser.csrfToken(loginPage)));

            HttpResponse<String> refused = browser.get(ISSUER + "/oauth2/authorize?" + Browser.form(Map.of(
                    "response_type", "code", "client_id", "siren-web", "redirect_uri", ISSUER + "/signed-in.html",
                    "state", "state-3")));

            assertThat(Browser.location(refused)).hasValueSatisfying(location -> assertThat(location)
                    .startsWith(ISSUER + "/signed-in.html?error=invalid_request").doesNotContain("code="));
        }
    }

    @Test
    void anUnknownNameSigningInWithItselfAsPasswordBecomesACustomer() {
        String token = signIn.accessToken("bob", "bob");

        JWTClaimsSet claims = Tokens.verifiedClaims(token, Tokens.keySet(auth()));
        assertThat(claims.getSubject()).isEqualTo("bob");
        assertThat(claims.getClaim("roles")).isEqualTo(List.of("customer"));
        assertThat(accounts.named("bob")).map(User::role).hasValue(Role.CUSTOMER);
        assertThat(signIn.accessToken("bob", "bob")).as("and signs in again as that customer").isNotBlank();
    }

    @Test
    void anUnknownNameWithAnotherPasswordBecomesNobody() {
        assertThatThrownBy(() -> signIn.accessToken("carol", "secret"))
                .hasMessage("wrong password for carol, or no such user");

        assertThat(accounts.named("carol")).isEmpty();
    }

    @Test
    void aKnownUserWithAWrongPasswordIsRefusedAndStaysWhoTheyAre() {
        accounts.addIfAbsent("dave", "his-own-password", Role.CLERK);

        assertThatThrownBy(() -> signIn.accessToken("dave", "dave")).hasMessage("wrong password for dave, or no such user");
        assertThatThrownBy(() -> signIn.accessToken("clerk", "alice")).hasMessage("wrong password for clerk, or no such user");

        assertThat(accounts.named("dave")).map(User::role).hasValue(Role.CLERK);
        assertThat(accounts.named("clerk")).map(User::role).hasValue(Role.CLERK);
    }

    @Test
    void aNameBreakingTheRulesBecomesNobody() {
        assertThatThrownBy(() -> signIn.accessToken("bad name", "bad name"))
                .hasMessage("wrong password for bad name, or no such user");
    }

    @Test
    void actuatorsHealthAnswersAnyoneItsOtherEndpointsThisMachineOnly() throws Exception {
        String network = NetworkAddress.ofThisMachine().orElse(null);
        assumeTrue(network != null, "this machine has no address but loopback");

        try (HttpClient http = HttpClient.newHttpClient()) {
            assertThat(status(http, "http://" + network + ":" + port + "/actuator/health/readiness")).isEqualTo(200);
            assertThat(status(http, "http://" + network + ":" + port + "/actuator/metrics")).isEqualTo(403);
            assertThat(status(http, auth() + "/actuator/metrics")).isEqualTo(200);
        }
    }

    @Test
    void prometheusScrapesFromThisMachineWithoutATokenAndNamesNoOneWhoSignedIn() throws Exception {
        String name = "una-metrics-7711";
        String token = signIn.accessToken(name, name);

        PrometheusScrape scrape = PrometheusScrape.of("127.0.0.1", port);

        assertThat(scrape.isPrometheusText()).as(scrape.body()).isTrue();
        assertThat(scrape.sampleNames()).contains("http_server_requests_seconds_count");
        assertThat(scrape.labelValues()).allSatisfy(value ->
                assertThat(value).doesNotContain(name).doesNotContain(token));
        // what the gateway sends along: the client's own address, which the scrape is not open to
        try (HttpClient http = HttpClient.newHttpClient()) {
            assertThat(http.send(HttpRequest.newBuilder(URI.create(auth() + PrometheusScrape.PATH))
                    .header("X-Forwarded-For", "203.0.113.9").build(), BodyHandlers.discarding()).statusCode())
                    .isEqualTo(403);
        }
        NetworkAddress.ofThisMachine().ifPresent(network ->
                assertThat(PrometheusScrape.of(network, port).status()).isEqualTo(403));
    }

    @Test
    void saysWhenAuthIsNotRunning() {
        try (SignIn nowhere = new SignIn("http://127.0.0.1:1")) {
            assertThatThrownBy(() -> nowhere.accessToken("clerk", "clerk"))
                    .hasMessage("auth is not running at http://127.0.0.1:1/ (./siren up starts it)");
        }
    }

    private static int status(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), BodyHandlers.discarding()).statusCode();
    }

    private String auth() {
        return "http://127.0.0.1:" + port;
    }

    private static String authorize(String client, String redirectUri, String state) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", client);
        parameters.put("redirect_uri", redirectUri);
        parameters.put("code_challenge", challenge(VERIFIER));
        parameters.put("code_challenge_method", "S256");
        parameters.put("state", state);
        return "/oauth2/authorize?" + Browser.form(parameters);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String parameter(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + url);
    }

    private static String accessToken(String json) {
        return JsonMapper.shared().readTree(json).required("access_token").asString();
    }
}
