package io.sirenorder.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * One order's trace, as the caller (the gateway, or a customer's own client) began it: the check with product and
 * the event that says the order was placed both continue it, whichever thread commits the order and relays the event.
 */
class OrderTracingTest extends OrderServiceTestBase {

    private static final String TRACE_ID = "5b8aa5a2d2c872e8321cf37308d69df2";
    private static final String CALLERS_SPAN = "051581bf3cb55c13";

    @Test
    void theProductCheckAndThePublishedEventContinueTheTraceOfTheRequestThatPlacedTheOrder() {
        productService.available(1, 3500);

        Response placed = send(HttpRequest.newBuilder(uri("/orders"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ISSUER.customer(CUSTOMER))
                .header("traceparent", "00-" + TRACE_ID + "-" + CALLERS_SPAN + "-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"productId\": 1}")));

        assertThat(placed.status()).isEqualTo(201);
        assertThat(productService.traceparents()).singleElement().satisfies(check -> assertThat(check)
                .as("the check's traceparent: the order's trace, its own span")
                .startsWith("00-" + TRACE_ID + "-").doesNotContain(CALLERS_SPAN));
        String location = placed.header("Location");
        ConsumerRecord<String, byte[]> event = orderEvent(location.substring(location.lastIndexOf('/') + 1));
        assertThat(new String(event.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .as("the OrderPlaced record's traceparent").startsWith("00-" + TRACE_ID + "-");
    }
}
