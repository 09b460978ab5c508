package io.sirenorder.shutdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service on a real web server, servlet (as product, order and report) and reactive (as notification), closed
 * while requests keep coming: its readiness says so at once, and it goes on answering for the drain, on a connection
 * it already had and on new ones, before it stops listening.
 */
class ShutdownDrainTest {

    private static final Duration DRAIN = Duration.ofSeconds(3);
    private static final Duration BOUND = Duration.ofSeconds(10);

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @RestController
    static class Service {

        @GetMapping("/hello")
        String hello() {
            return "hello";
        }
    }

    @ParameterizedTest
    @EnumSource(value = WebApplicationType.class, names = {"SERVLET", "REACTIVE"})
    void aClosingServiceIsNotReadyAtOnceAndStillAnswersForTheDrain(WebApplicationType web) throws Exception {
        ConfigurableApplicationContext service = new SpringApplicationBuilder(Service.class).web(web).run(
                "--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                "--siren.shutdown.drain=" + DRAIN.toMillis() + "ms",
                "--spring.lifecycle.timeout-per-shutdown-phase=20s",
                "--management.endpoint.health.probes.enabled=true");
        String base = "http://127.0.0.1:" + ((WebServerApplicationContext) service).getWebServer().getPort();
        try (HttpClient pooled = HttpClient.newHttpClient()) {
            assertThat(status(pooled, base + "/actuator/health/readiness")).isEqualTo(200);
            assertThat(status(pooled, base + "/hello")).isEqualTo(200);

            long closing = System.nanoTime();
            CompletableFuture<Void> closed = CompletableFuture.runAsync(service::close);

            await().atMost(DRAIN).until(() -> status(pooled, base + "/actuator/health/readiness") == 503);
            int answered = 0;
            while (Duration.ofNanos(System.nanoTime() - closing).compareTo(DRAIN.dividedBy(2)) < 0) {
                assertThat(status(pooled, base + "/hello")).isEqualTo(200);
                try (HttpClient fresh = HttpClient.newHttpClient()) {
                    assertThat(status(fresh, base + "/hello")).isEqualTo(200);
                }
                answered++;
            }
            assertThat(answered).isPositive();
            assertThat(status(pooled, base + "/actuator/health/liveness")).isEqualTo(200);
            assertThat(closed).isNotDone();

            closed.get(BOUND.toSeconds(), TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - closing)).isGreaterThanOrEqualTo(DRAIN);
            try (HttpClient fresh = HttpClient.newHttpClient()) {
                assertThatThrownBy(() -> status(fresh, base + "/hello")).isInstanceOf(ConnectException.class);
            }
        } finally {
            service.close();
        }
    }

    private static int status(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(BOUND).build(), BodyHandlers.discarding())
                .statusCode();
    }
}
