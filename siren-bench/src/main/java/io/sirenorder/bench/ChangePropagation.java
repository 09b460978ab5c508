package io.sirenorder.bench;

import static io.sirenorder.local.Service.GATEWAY;
import static io.sirenorder.local.Service.NOTIFICATION;
import static io.sirenorder.local.Service.ORDER;
import static io.sirenorder.local.Service.PRODUCT;
import static io.sirenorder.local.Service.REPORT;

import io.sirenorder.bench.SystemBench.Propagation;
import io.sirenorder.events.Topics;
import io.sirenorder.local.LocalSystem;
import io.sirenorder.local.Service;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.json.JsonMapper;

/**
 * How fast a product change reaches every consumer: one product's price changes {@value #CHANGES_PER_SECOND} times
 * a second. Order's menu, the report and notification time each change from its commit ({@code siren.events.lag});
 * an SSE subscriber through the gateway times it from the moment its change was sent, which is before the commit: if
 * anything, that overstates the delay.
 */
final class ChangePropagation {

    static final int CHANGES_PER_SECOND = 50;
    static final Duration DURATION = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.shared();

    private ChangePropagation() {
    }

    /**
     * The services' arguments for {@code siren.events.lag}'s percentiles over the propagation phase: the expiry as
     * long as the phase, one buffer a second, read right after it (see {@link OutboxLatencyBench}).
     */
    static String[] lagPercentiles() {
        return new String[] {
                "--management.metrics.distribution.expiry[siren.events.lag]=" + DURATION.toSeconds() + "s",
                "--management.metrics.distribution.buffer-length[siren.events.lag]=" + DURATION.toSeconds()};
    }

    static List<Propagation> measure(LocalSystem system, SystemHttp http, String productId) throws Exception {
        System.out.printf("Propagation: %d product changes a second for %d s%n", CHANGES_PER_SECOND,
                DURATION.toSeconds());
        Map<Integer, Long> sentAt = new ConcurrentHashMap<>();
        Histogram toSubscriber = new ConcurrentHistogram(3);
        int firstPrice = 100_000;
        try (var subscriber = Executors.newVirtualThreadPerTaskExecutor()) {
            HttpRequest stream = HttpRequest.newBuilder(URI.create(system.baseUrl(GATEWAY) + "/notifications/stream"))
                    .build();
            HttpResponse<Stream<String>> events = http.client().send(stream, HttpResponse.BodyHandlers.ofLines());
            subscriber.submit(() -> events.body()
                    .filter(line -> line.startsWith("data:"))
                    .map(line -> JSON.readTree(line.substring("data:".length())))
                    .filter(event -> event.path("productId").asString().equals(productId))
                    .forEach(event -> {
                        Long sent = sentAt.get(event.get("price").asInt());
                        if (sent != null) {
                            toSubscriber.recordValue((System.nanoTime() - sent) / 1_000);
                        }
                    }));
            try (var product = new ProductClient(system.baseUrl(PRODUCT),
                    SystemHttp.accessToken(system, "clerk"))) {
                SteadyLoad.run(CHANGES_PER_SECOND, DURATION, sequence -> {
                    int price = firstPrice + sequence;
                    sentAt.put(price, System.nanoTime());
                    product.changePrice(Long.parseLong(productId), price);
                });
            }
            int changes = (int) (CHANGES_PER_SECOND * DURATION.toSeconds());
            SystemHttp.awaitUntil(Duration.ofSeconds(10), "the subscriber to hear of every change",
                    () -> toSubscriber.getTotalCount() >= changes);
            subscriber.shutdownNow();
        }
        List<Propagation> propagation = new ArrayList<>();
        propagation.add(lag(http, system, ORDER, "order's menu"));
        propagation.add(lag(http, system, REPORT, "the report"));
        propagation.add(lag(http, system, NOTIFICATION, "notification (pushed to its streams)"));
        propagation.add(new Propagation("an SSE subscriber through the gateway (from the PATCH)",
                toSubscriber.getValueAtPercentile(50) / 1e3, toSubscriber.getValueAtPercentile(99) / 1e3));
        return propagation;
    }

    private static Propagation lag(SystemHttp http, LocalSystem system, Service service, String where) {
        String text = http.send("GET", system.baseUrl(service) + ScrapedQuantile.PATH, null);
        String topic = "topic=\"" + Topics.PRODUCT_EVENTS + "\"";
        return new Propagation(where, ScrapedQuantile.of(text, "siren_events_lag_seconds", "0.5", topic) * 1e3,
                ScrapedQuantile.of(text, "siren_events_lag_seconds", "0.99", topic) * 1e3);
    }
}
