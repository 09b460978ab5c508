package io.sirenorder.local;

import java.io.IOException;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Signs a user in to the auth service without a browser and hands back their access token: what {@code ./siren
 * token} prints, and how the system tests and the benchmarks get tokens. It runs the real flow a browser runs, as
 * the command-line client {@code siren-cli}: the OAuth 2.1 authorization code flow with PKCE (S256), through auth's
 * own login form.
 * <ol>
 * <li>{@code GET /oauth2/authorize} (client {@code siren-cli}, a code challenge): auth sends it to its login page;</li>
 * <li>{@code GET /login}: the form, and its CSRF token;</li>
 * <li>{@code POST /login} with the name and password: back to {@code /oauth2/authorize};</li>
 * <li>which redirects to the client's redirect URI, {@value #REDIRECT_URI}, with the code; that address is never
 * fetched, the code is read from the redirect's {@code Location};</li>
 * <li>{@code POST /oauth2/token} with the code and the code verifier: the access token.</li>
 * </ol>
 * Each sign-in has cookies of its own (auth's session holds the signed-in user between the steps), so one instance
 * signs in many users, also at once.
 */
public final class SignIn implements AutoCloseable {

    /** The command-line client, registered in auth: public (no secret), authorization code with PKCE. */
    public static final String CLIENT_ID = "siren-cli";
    public static final String REDIRECT_URI = "http://127.0.0.1/siren-cli";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*?value=\"([^\"]+)\"");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final int MAX_REDIRECTS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI auth;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** @param authBaseUrl where the auth service is reached, e.g. {@code http://127.0.0.1:8085} */
    public SignIn(String authBaseUrl) {
        this.auth = URI.create(authBaseUrl.endsWith("/") ? authBaseUrl : authBaseUrl + "/");
    }

    /**
     * Signs the user in and returns their access token (a JWT, for {@code Authorization: Bearer ...}).
     *
     * @throws IllegalStateException naming the user when auth refuses the password, or saying so when auth is not
     *         running or answers something the flow does not expect
     */
    public String accessToken(String user, String password) {
        return new Flow().accessToken(user, password);
    }

    @Override
    public void close() {
        http.close();
    }

    /** One sign-in: its own cookies, code verifier and state. */
    private final class Flow {

        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

        String accessToken(String user, String password) {
            String verifier = random(32);
            String state = random(16);
            URI authorize = auth.resolve("oauth2/authorize?" + form(Map.of("response_type", "code",
                    "client_id", CLIENT_ID, "redirect_uri", REDIRECT_URI, "code_challenge", challenge(verifier),
                    "code_challenge_method", "S256", "state", state)));

            HttpResponse<String> loginPage = follow(send(get(authorize)));
            if (loginPage.statusCode() != 200) {
                throw unexpected(loginPage, "its login page");
            }
            String csrf = find(CSRF, loginPage.body())
                    .orElseThrow(() -> unexpected(loginPage, "a login form with a CSRF token"));

            HttpResponse<String> signedIn = send(post(loginPage.uri(),
                    Map.of("username", user, "password", password, "_csrf", csrf)));
            Optional<URI> next = location(signedIn);
            if (next.isEmpty()) {
                throw unexpected(signedIn, "a redirect after the login form");
            }
            if (next.get().getPath().endsWith("/login") && next.get().getQuery() != null
                    && next.get().getQuery().contains("error")) {
                throw new IllegalStateException("wrong password for " + user + ", or no such user");
            }

            HttpResponse<String> toClient = follow(signedIn);
            Map<String, String> answer = location(toClient)
                    .filter(uri -> uri.toString().startsWith(REDIRECT_URI))
                    .map(uri -> parameters(uri.getRawQuery()))
                    .orElseThrow(() -> unexpected(toClient, "a redirect to " + REDIRECT_URI + " with a code"));
            if (answer.containsKey("error")) {
                throw new IllegalStateException("auth at " + auth + " refused to authorize " + CLIENT_ID + ": "
                        + answer.get("error") + " " + answer.getOrDefault("error_description", ""));
            }
            if (!state.equals(answer.get("state")) || !answer.containsKey("code")) {
                throw unexpected(toClient, "the code, with the state it was sent");
            }

            HttpResponse<String> token = send(post(auth.resolve("oauth2/token"), Map.of(
                    "grant_type", "authorization_code", "code", answer.get("code"), "redirect_uri", REDIRECT_URI,
                    "client_id", CLIENT_ID, "code_verifier", verifier)));
            if (token.statusCode() != 200) {
                throw unexpected(token, "an access token");
            }
            return find(ACCESS_TOKEN, token.body()).orElseThrow(() -> unexpected(token, "an access token"));
        }

        /** Follows redirects within auth, until an answer that is not one, or one that leaves auth. */
        private HttpResponse<String> follow(HttpResponse<String> response) {
            for (int hops = 0; hops < MAX_REDIRECTS; hops++) {
                Optional<URI> next = location(response);
                if (next.isEmpty() || next.get().toString().startsWith(REDIRECT_URI)) {
                    return response;
                }
                response = send(get(next.get()));
            }
            throw unexpected(response, "fewer than " + MAX_REDIRECTS + " redirects");
        }

        private HttpRequest.Builder get(URI uri) {
            return HttpRequest.newBuilder(uri).GET().header("Accept", "text/html");
        }

        private HttpRequest.Builder post(URI uri, Map<String, String> fields) {
            return HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(BodyPublishers.ofString(form(fields)));
        }

        private HttpResponse<String> send(HttpRequest.Builder builder) {
            HttpRequest request = builder.timeout(Duration.ofSeconds(30)).build();
            try {
                List<String> cookie = cookies.get(request.uri(), Map.of()).getOrDefault("Cookie", List.of());
                if (!cookie.isEmpty()) {
                    request = HttpRequest.newBuilder(request, (name, value) -> true)
                            .header("Cookie", String.join("; ", cookie))
                            .build();
                }
                HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
                cookies.put(request.uri(), response.headers().map());
                return response;
            } catch (ConnectException | HttpConnectTimeoutException notListening) {
                throw new IllegalStateException("auth is not running at " + auth + " (./siren up starts it)");
            } catch (IOException e) {
                throw new IllegalStateException("cannot reach auth at " + auth + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while signing in at " + auth, e);
            }
        }

        private Optional<URI> location(HttpResponse<String> response) {
            int status = response.statusCode();
            if (status < 300 || status >= 400) {
                return Optional.empty();
            }
            return response.headers().firstValue("Location").map(response.uri()::resolve);
        }

        private IllegalStateException unexpected(HttpResponse<String> response, String expected) {
            HttpRequest request = response.request();
            String body = response.body() == null ? "" : response.body().strip();
            return new IllegalStateException("auth at " + auth + " answered " + request.method() + " "
                    + request.uri().getPath() + " with " + response.statusCode()
                    + response.headers().firstValue("Location").map(location -> " to " + location).orElse("")
                    + (body.isEmpty() ? "" : " " + body.substring(0, Math.min(200, body.length())))
                    + ", where " + expected + " was expected");
        }
    }

    private static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JDK", e);
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                parameters.put(decode(name), decode(value));
            }
        }
        return parameters;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
