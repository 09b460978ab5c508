package io.sirenorder.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.sirenorder.order.application.OrderService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;

/**
 * An order that reaches order once it has begun to stop (its commits closed, as a graceful shutdown that ran out
 * of time on a slow machine leaves it) is refused honestly: nothing stored, and the customer told to try again.
 * The service is left stopped, so its context is not shared on.
 */
@DirtiesContext
class StoppingTest extends OrderServiceTestBase {

    @Autowired
    OrderService orders;

    @Test
    void anOrderArrivingOnceOrderHasBegunToStopIsAServiceUnavailableProblemAndNothingIsStored() {
        productService.available(801, 3500);
        long before = storedOrders();
        orders.close();

        Response refused = post("/orders", "{\"productId\": 801}");

        assertThat(assertProblem(refused, 503).get("detail").asString())
                .isEqualTo("The order service is restarting. Nothing was ordered; please try again shortly.");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(storedOrders()).isEqualTo(before);
    }
}
