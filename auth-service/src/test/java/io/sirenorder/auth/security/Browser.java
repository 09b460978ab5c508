package io.sirenorder.auth.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser as auth sees one: it keeps cookies and follows no redirect by itself. It is at the origin it was made for:
 * behind the gateway ({@code http://localhost:8080}, where nothing listens in tests), each request goes straight to
 * auth with the {@code X-Forwarded-*} headers the gateway adds, and auth's answers are read as the browser would get
 * them through the gateway.
 */
final class Browser implements AutoCloseable {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*?value=\"([^\"]+)\"");

    private final URI auth;
    private final URI origin;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** A browser that reaches auth through the gateway at {@code origin}. */
    static Browser behindGateway(String authBaseUrl, String origin) {
        return new Browser(URI.create(authBaseUrl), URI.create(origin));
    }

    private Browser(URI auth, URI origin) {
        this.auth = auth;
        this.origin = origin;
    }

    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(toAuth(URI.create(url))).GET().header("Accept", "text/html"), url);
    }

    HttpResponse<String> post(String url, Map<String, String> form) {
        return send(HttpRequest.newBuilder(toAuth(URI.create(url)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(form(form))), url);
    }

    /** The page's CSRF token, from its hidden form field. */
    static String csrfToken(HttpResponse<String> page) {
        Matcher matcher = CSRF.matcher(page.body());
        if (!matcher.find()) {
            throw new AssertionError("no CSRF token in " + page.body());
        }
        return matcher.group(1);
    }

    /** Where a redirect leads, as the browser resolves it against the address it asked. */
    static Optional<String> location(HttpResponse<String> response) {
        return response.headers().firstValue("Location");
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Override
    public void close() {
        http.close();
    }

    private URI toAuth(URI url) {
        URI absolute = origin.resolve(url);
        if (!absolute.getScheme().equals(origin.getScheme()) || !absolute.getAuthority().equals(origin.getAuthority())) {
            throw new AssertionError(url + " leaves the gateway's origin " + origin);
        }
        return auth.resolve(absolute.getRawPath() + (absolute.getRawQuery() == null ? "" : "?" + absolute.getRawQuery()));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String url) {
        URI asSeen = origin.resolve(URI.create(url));
        try {
            List<String> cookie = cookies.get(asSeen, Map.of()).getOrDefault("Cookie", List.of());
            if (!cookie.isEmpty()) {
                request.header("Cookie", String.join("; ", cookie));
            }
            // what Spring Cloud Gateway adds to every request it passes on
            request.header("X-Forwarded-Proto", origin.getScheme())
                    .header("X-Forwarded-Host", origin.getAuthority())
                    .header("X-Forwarded-Port", String.valueOf(origin.getPort()))
                    .header("X-Forwarded-For", "127.0.0.1");
            HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
            cookies.put(asSeen, response.headers().map());
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
