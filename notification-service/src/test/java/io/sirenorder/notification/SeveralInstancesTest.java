package io.sirenorder.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.sirenorder.events.ProductRegistered;
import io.sirenorder.events.ProductState;
import io.sirenorder.events.ProductStatus;
import io.sirenorder.events.ProductUpdated;
import io.sirenorder.notification.EventStream.Event;
import io.sirenorder.testing.security.TestIssuer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Two instances of the service on one broker, as behind the gateway: each consumes in a group of its own, so each
 * tells its own subscribers of every event, under the same id, and a client may resume on either.
 * <p>
 * Two applications, not the shared test context of {@link NotificationServiceTest}, with a broker of their own.
 */
@EmbeddedKafka(partitions = 1)
class SeveralInstancesTest {

    private static final int A = 0;
    private static final int B = 1;
    private static final Instant OPENING = Instant.parse("2026-11-25T07:00:00Z");

    private static Outboxes outboxes;
    private static ConfigurableApplicationContext instanceA;
    private static ConfigurableApplicationContext instanceB;
    private static Streams streams;

    @BeforeAll
    static void startTwoInstances(EmbeddedKafkaBroker broker) {
        outboxes = new Outboxes(broker);
        instanceA = start(broker);
        instanceB = start(broker);
        // waits, on the first stream opened, until both consume every record published from then on
        streams = new Streams(outboxes, () -> port(instanceA), () -> port(instanceB));
    }

    @AfterAll
    static void stopBoth() {
        // in reverse order, each even when closing another fails or one never started (a null is skipped)
        try (var producer = outboxes; var a = instanceA; var b = instanceB) {
            // closing them is all
        }
    }

    @Test
    void aSubscriberOnEachInstanceHearsOfAProductChangeOnceUnderTheSameId() throws Exception {
        try (var onA = streams.open(A, "", null); var onB = streams.open(B, "", null)) {
            outboxes.publish(new ProductRegistered(product(1001, 1, ProductStatus.Available)));

            Event toldByA = nextChangeTo(onA, 1001);
            assertThat(version(toldByA)).isEqualTo(1);
            // the same id too, which is what lets a client take it to the other instance
            assertThat(nextChangeTo(onB, 1001)).isEqualTo(toldByA);

            // a next change: had either told the first twice, the repeat would come first
            outboxes.publish(new ProductUpdated(product(1001, 2, ProductStatus.SoldOut), ProductStatus.Available));
            assertThat(version(nextChangeTo(onA, 1001))).isEqualTo(2);
            assertThat(version(nextChangeTo(onB, 1001))).isEqualTo(2);
        }
    }

    @Test
    void aClientThatResumesOnTheOtherInstanceGetsExactlyWhatItMissedInOrder() throws Exception {
        String lastEventId;
        try (var onA = streams.open(A, "", null)) {
            outboxes.publish(new ProductRegistered(product(1002, 1, ProductStatus.Available)));
            lastEventId = nextChangeTo(onA, 1002).id();
        }
        outboxes.publish(new ProductUpdated(product(1002, 2, ProductStatus.SoldOut), ProductStatus.Available),
                new ProductUpdated(product(1002, 3, ProductStatus.Available), ProductStatus.SoldOut));

        try (var onB = streams.open(B, "", lastEventId)) {
            // not a reset (nextChangeTo would fail on it), nor the first change again, which would come first
            assertThat(version(nextChangeTo(onB, 1002))).isEqualTo(2);
            assertThat(version(nextChangeTo(onB, 1002))).isEqualTo(3);
            // a live change next: had B replayed anything more, it would come first
            outboxes.publish(new ProductUpdated(product(1002, 4, ProductStatus.Available),
                    ProductStatus.Available));
            assertThat(version(nextChangeTo(onB, 1002))).isEqualTo(4);
        }
    }

    private static ConfigurableApplicationContext start(EmbeddedKafkaBroker broker) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString()));
        arguments.addAll(TestIssuer.get().trustingArguments());
        return new SpringApplicationBuilder(NotificationApplication.class).run(arguments.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext instance) {
        return instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /**
     * The stream's next change to {@code productId}. Changes to other products are passed over: the two instances
     * consume side by side, so one may still be telling of the other test's after it ended.
     */
    private static Event nextChangeTo(EventStream stream, long productId) {
        while (true) {
            Event event = stream.next();
            assertThat(event.name()).isEqualTo("product");
            if (event.json().path("productId").asLong() == productId) {
                return event;
            }
        }
    }

    private static long version(Event event) {
        return event.json().path("version").asLong();
    }

    private static ProductState product(long id, long version, ProductStatus status) {
        return new ProductState(id, version, "Flat white", 4800, status, OPENING);
    }
}
