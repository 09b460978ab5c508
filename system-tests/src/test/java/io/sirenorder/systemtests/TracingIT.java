package io.sirenorder.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.sirenorder.local.Service;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One order followed through every service, as {@code ./siren up --tracing} shows it: the customer's own trace
 * (a known {@code traceparent}) continued by the gateway, order, product's check, order's outbox and Kafka, report
 * and notification, found whole through Zipkin's API, and its id in order's and report's logs. Leaves a screenshot
 * of the trace in Zipkin's UI in {@code target/screenshots/} (the one in {@code docs/} is a copy) where Chromium is.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TracingIT {

    private static final Set<String> EVERY_SERVICE = Set.of("gateway", "order", "product", "report", "notification");
    private static final Duration WHOLE_TRACE = Duration.ofSeconds(60);
    private static final Path CHROMIUM = Path.of(System.getProperty("siren.chromium", "/usr/bin/chromium"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final RunningSystem running = RunningSystem.withTracing(builder -> builder
            // the lines an order's placing and counting log, each with its trace id
            .args(Service.ORDER, "--logging.level.io.sirenorder.order.application=DEBUG")
            .args(Service.REPORT, "--logging.level.io.sirenorder.report.application=DEBUG"));

    private static final String TRACE_ID = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    private static final String CUSTOMERS_SPAN = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    private static long orderId;

    @BeforeAll
    static void aCustomerOrdersWithATraceOfItsOwn() throws Exception {
        long productId = running.clerk().expect(201, "POST", gateway("/products"),
                "{\"price\": 4500, \"name\": \"Traced latte\"}").get("id").asLong();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> placed = http.send(HttpRequest.newBuilder(URI.create(gateway("/orders")))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + running.customerToken("tracy"))
                    .header("traceparent", "00-" + TRACE_ID + "-" + CUSTOMERS_SPAN + "-01")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"productId\": " + productId + "}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(placed.statusCode()).as("placing the order: %s", placed.body()).isEqualTo(201);
            orderId = JSON.readTree(placed.body()).get("id").asLong();
        }
    }

    @Test
    @Order(1)
    void theOrderIsOneTraceWithSpansOfEveryServiceInZipkin() {
        // each application reports its spans as they end, a second or so apart: the producer's span, which ends at
        // the broker's acknowledgement, may come after the consumers' spans
        AtomicReference<List<JsonNode>> spans = new AtomicReference<>();
        await().atMost(WHOLE_TRACE).untilAsserted(() -> {
            spans.set(spansOfTheTrace());
            assertTheWholePath(spans.get());
        });
        System.out.printf("TracingIT: trace %s has %d spans, by service %s%n", TRACE_ID, spans.get().size(),
                spans.get().stream().collect(Collectors.groupingBy(TracingIT::serviceOf, Collectors.counting())));
    }

    private static void assertTheWholePath(List<JsonNode> spans) {
        assertThat(servicesOf(spans)).containsAll(EVERY_SERVICE);
        assertThat(spans).allSatisfy(span -> assertThat(span.get("traceId").asString()).isEqualTo(TRACE_ID));
        // the customer's trace is continued, not replaced: the gateway's span is the child of the customer's
        assertThat(spans).filteredOn(span -> span.path("parentId").asString("").equals(CUSTOMERS_SPAN))
                .extracting(TracingIT::serviceOf).containsOnly("gateway");
        // across Kafka: order's outbox sends in the trace, and each consumer's handling is a span of it
        assertThat(spans).filteredOn(span -> span.path("kind").asString("").equals("PRODUCER"))
                .extracting(TracingIT::serviceOf).contains("order");
        assertThat(spans).filteredOn(span -> span.path("kind").asString("").equals("CONSUMER"))
                .extracting(TracingIT::serviceOf).contains("report", "notification");
    }

    @Test
    @Order(2)
    void theTraceIdIsInOrdersAndReportsLogLinesAboutTheOrder() {
        await().atMost(WHOLE_TRACE).untilAsserted(() -> {
            assertThat(linesAbout("order", "Order " + orderId + " placed")).anySatisfy(line ->
                    assertThat(line).contains(TRACE_ID));
            assertThat(linesAbout("report", "Order " + orderId + " counted")).anySatisfy(line ->
                    assertThat(line).contains(TRACE_ID));
        });
    }

    @Test
    @Order(3)
    void zipkinsPageShowsTheWholeTrace() {
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + ": no screenshot of the trace");
        await().atMost(WHOLE_TRACE).until(() -> servicesOf(spansOfTheTrace()).containsAll(EVERY_SERVICE));
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(CHROMIUM)
                     .setHeadless(true)
                     .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                             "--disable-component-update", "--disable-sync", "--no-first-run",
                             "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1")))) {
            Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 800));
            page.navigate(running.zipkinUrl() + "/zipkin/traces/" + TRACE_ID);
            for (String service : EVERY_SERVICE) {
                page.getByText(service).first().waitFor();
            }
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(Path.of("target", "screenshots", "zipkin-trace.png")));
        }
    }

    private static List<JsonNode> spansOfTheTrace() {
        HttpResponse<String> trace = running.http().send("GET", running.zipkinUrl() + "/api/v2/trace/" + TRACE_ID,
                null);
        if (trace.statusCode() == 404) {
            return List.of();
        }
        assertThat(trace.statusCode()).as("Zipkin's answer: %s", trace.body()).isEqualTo(200);
        return StreamSupport.stream(JSON.readTree(trace.body()).spliterator(), false).toList();
    }

    private static Set<String> servicesOf(List<JsonNode> spans) {
        return spans.stream().map(TracingIT::serviceOf).collect(Collectors.toSet());
    }

    private static String serviceOf(JsonNode span) {
        return span.path("localEndpoint").path("serviceName").asString("");
    }

    private static List<String> linesAbout(String log, String about) throws IOException {
        try (var lines = Files.lines(running.local().logDir().resolve(log + ".log"))) {
            return lines.filter(line -> line.contains(about)).toList();
        }
    }

    private static String gateway(String path) {
        return running.local().baseUrl(Service.GATEWAY) + path;
    }
}
