package io.sirenorder.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.sirenorder.events.OrderPlaced;
import io.sirenorder.events.OrderStatus;
import io.sirenorder.events.OrderStatusChanged;
import io.sirenorder.events.ProductRegistered;
import io.sirenorder.events.ProductState;
import io.sirenorder.events.ProductStatus;
import io.sirenorder.events.Topics;
import io.sirenorder.notification.EventStream.Event;
import io.sirenorder.testing.metrics.PrometheusScrape;
import io.sirenorder.testing.security.NetworkAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a Prometheus beside notification scrapes, from this machine without a token: how many streams are open and
 * how far behind each topic they are told, by topic alone; never a customer, an order, a product or a token.
 */
@NotificationServiceTest
class MetricsTest {

    private static final String SUBSCRIBERS = "siren_notifications_subscribers";

    @Autowired
    Outboxes outboxes;
    @Autowired
    Streams streams;
    @LocalServerPort
    int port;

    @Test
    void prometheusScrapesFromThisMachineWithoutATokenAndFromNowhereElse() {
        PrometheusScrape scrape = scrape();

        assertThat(scrape.isPrometheusText()).as(scrape.body()).isTrue();
        assertThat(scrape.sampleNames()).contains(SUBSCRIBERS);
        NetworkAddress.ofThisMachine().ifPresent(network ->
                assertThat(PrometheusScrape.of(network, port).status()).isEqualTo(401));
    }

    @Test
    void openStreamsAndTheirEventsAreMeasuredWithoutSayingWhoseTheyAre() throws Exception {
        long productId = 918_273_301L;
        long orderId = 918_273_401L;
        String customer = "ivy-metrics-6611";
        String productName = "Cardinality Chai";
        String query = Streams.asCustomer(customer);
        // other tests' streams close as they end: the gauge settles before this one counts its own
        await().atMost(Duration.ofSeconds(10)).until(() -> scrape().sum(SUBSCRIBERS) == 0);

        String clerkQuery = Streams.asClerk();
        try (var stream = streams.open(query); var clerk = streams.open(clerkQuery)) {
            outboxes.publish(new ProductRegistered(new ProductState(productId, 1, productName, 2800,
                    ProductStatus.Available, Instant.now())), new OrderPlaced(orderId, productId, 1, 2800, customer,
                    Instant.now()), new OrderStatusChanged(orderId, customer, OrderStatus.Ordered,
                    OrderStatus.Preparing, Instant.now(), 2));
            // the customer's and the clerk's alike; the topics are consumed side by side, in no set order
            for (EventStream each : List.of(stream, clerk)) {
                assertThat(List.of(each.next(), each.next(), each.next()))
                        .extracting(Event::name, event -> event.json().path("version").asLong())
                        .containsExactlyInAnyOrder(tuple("product", 1L), tuple("order", 1L), tuple("order", 2L));
            }
            PrometheusScrape scrape = scrape();

            assertThat(scrape.sum(SUBSCRIBERS)).isEqualTo(2);
            assertThat(scrape.samples("siren_events_lag_seconds_count")).anySatisfy(sample ->
                    assertThat(sample).contains("topic=\"" + Topics.ORDER_EVENTS + "\"")).anySatisfy(sample ->
                    assertThat(sample).contains("topic=\"" + Topics.PRODUCT_EVENTS + "\""));
            List<String> named = List.of(customer, productName, Long.toString(productId), Long.toString(orderId),
                    query.substring(query.indexOf('=') + 1), clerkQuery.substring(clerkQuery.indexOf('=') + 1));
            assertThat(scrape.labelValues()).allSatisfy(value ->
                    assertThat(named).noneSatisfy(name -> assertThat(value).contains(name)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> scrape().sum(SUBSCRIBERS) == 0);
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.of("127.0.0.1", port);
    }
}
