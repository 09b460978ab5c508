package io.sirenorder.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The web app's pages come from the gateway itself, with no backend involved, to anyone, under a content security
 * policy that lets only the web app's own files run.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
@AutoConfigureWebTestClient
class WebAppTest {

    @Autowired
    WebTestClient client;

    @Test
    void theCustomersPageIsTheRoot() {
        client.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(page -> assertThat(page)
                        .contains("<script type=\"module\" src=\"/customer.js\"></script>"));
    }

    @Test
    void theClerksPageIsAtClerk() {
        client.get().uri("/clerk").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(page -> assertThat(page)
                        .contains("<script type=\"module\" src=\"/clerk.js\"></script>"));
    }

    @Test
    void scriptsAndStylesAreServedWithTheirTypes() {
        client.get().uri("/api.js").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/javascript");
        client.get().uri("/app.css").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/css");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/clerk", "/index.html", "/clerk.html", "/customer.js", "/your-orders.js",
            "/queue.js", "/lifecycle.js", "/api.js", "/app.css"})
    void everyPageAndFileComesWithAPolicyThatRunsOnlyTheWebAppsOwnFiles(String path) {
        client.get().uri(path).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Content-Security-Policy", EdgeSecurity.WEB_APP_POLICY)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);
        assertThat(EdgeSecurity.WEB_APP_POLICY)
                .contains("script-src 'self';", "style-src 'self';", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
    }

    @Test
    void thePagesHaveNoInlineScriptOrStyleThePolicyWouldBlock() throws IOException {
        Resource[] pages = new PathMatchingResourcePatternResolver().getResources("classpath:/static/*.html");
        assertThat(pages).isNotEmpty();
        for (Resource page : pages) {
            String html = page.getContentAsString(StandardCharsets.UTF_8);
            assertThat(html).as(page.getFilename())
                    .doesNotContainPattern("(?i)<script(?![^>]*\\ssrc=)[^>]*>")
                    .doesNotContainPattern("(?i)<style")
                    .doesNotContainPattern("(?i)\\sstyle\\s*=")
                    .doesNotContainPattern("(?i)\\son[a-z]+\\s*=")
                    .doesNotContainPattern("(?i)javascript:");
        }
    }

    @Test
    void aPageThatDoesNotExistIsAProblem() {
        client.get().uri("/nowhere.html").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
