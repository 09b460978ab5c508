package io.sirenorder.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sirenorder.events.EventType;
import io.sirenorder.events.OrderPlaced;
import io.sirenorder.events.OrderStatus;
import io.sirenorder.events.OrderStatusChanged;
import io.sirenorder.events.ProductRegistered;
import io.sirenorder.events.ProductState;
import io.sirenorder.events.ProductStatus;
import io.sirenorder.events.Topics;
import io.sirenorder.testing.metrics.PrometheusScrape;
import io.sirenorder.testing.security.NetworkAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a Prometheus beside report scrapes, from this machine without a token: how far behind each topic the reports
 * run, and what was dead-lettered, by topic and kind of failure alone; never an order (placed or cancelled), customer
 * or product.
 */
@ReportServiceTest
class MetricsTest {

    private static final String DEAD_LETTERED = "siren_events_dead_lettered_total";
    private static final String ORDER_TOPIC = "topic=\"" + Topics.ORDER_EVENTS + "\"";

    @Autowired
    EventLog events;
    @Autowired
    ReportClient client;
    @LocalServerPort
    int port;

    @Test
    void prometheusScrapesFromThisMachineWithoutATokenAndFromNowhereElse() {
        PrometheusScrape scrape = scrape();

        assertThat(scrape.isPrometheusText()).as(scrape.body()).isTrue();
        assertThat(scrape.sampleNames()).contains("http_server_requests_active_seconds_count");
        NetworkAddress.ofThisMachine().ifPresent(network ->
                assertThat(PrometheusScrape.of(network, port).status()).isEqualTo(401));
    }

    @Test
    void eventsAreTimedAndDeadLetteredByTopicAloneNeverByWhatTheyAreAbout() throws Exception {
        long productId = 918_273_101L;
        long orderId = 918_273_201L;
        String customer = "wren-metrics-5511";
        String productName = "Cardinality Croissant";
        double deadLetteredBefore = scrape().sum(DEAD_LETTERED, ORDER_TOPIC);

        events.write(EventLog.record(Topics.ORDER_EVENTS, Long.toString(orderId + 1), EventType.ORDER_PLACED.ceType(),
                "not json at all".getBytes(StandardCharsets.UTF_8)));
        events.publish(new ProductRegistered(new ProductState(productId, 1, productName, 3200, ProductStatus.Available,
                Instant.now())), new OrderPlaced(orderId, productId, 1, 3200, customer, Instant.now()),
                new OrderStatusChanged(orderId, customer, OrderStatus.Ordered, OrderStatus.Cancelled, Instant.now(),
                        2));
        await().atMost(Duration.ofSeconds(10)).until(() -> client.get("/reports/" + productId).status() == 200
                && client.get("/reports/" + productId).body().get("ordersCancelled").asInt() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                scrape().sum(DEAD_LETTERED, ORDER_TOPIC) == deadLetteredBefore + 1);
        PrometheusScrape scrape = scrape();

        assertThat(scrape.samples("siren_events_lag_seconds_count")).anySatisfy(sample ->
                assertThat(sample).contains(ORDER_TOPIC)).anySatisfy(sample ->
                assertThat(sample).contains("topic=\"" + Topics.PRODUCT_EVENTS + "\""));
        List<String> named = List.of(customer, productName, Long.toString(productId), Long.toString(orderId),
                Long.toString(orderId + 1));
        assertThat(scrape.labelValues()).contains("/reports/{productId}").allSatisfy(value ->
                assertThat(named).noneSatisfy(name -> assertThat(value).contains(name)));
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.of("127.0.0.1", port);
    }
}
