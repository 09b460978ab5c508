package io.sirenorder.order.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.observation.ObservationRegistry;
import io.sirenorder.order.StubProductService;
import io.sirenorder.order.application.ProductCatalogueUnavailableException;
import io.sirenorder.order.domain.ProductAvailability;
import io.sirenorder.order.domain.ProductStatus;
import io.sirenorder.order.domain.WhenCatalogueUnavailable;
import io.sirenorder.testing.contracts.Contracts;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProductServiceClientTest {

    /** Long enough that a busy CI machine does not turn a quick answer into a timeout. */
    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    private static final Duration OPEN_FOR = Duration.ofSeconds(7);
    private static final int MAX_CONCURRENT_CHECKS = 2;

    final StubProductService productService = StubProductService.start();
    final CircuitBreaker breaker = CircuitBreaker.of("test", CircuitBreakerConfig.custom()
            .minimumNumberOfCalls(2).slidingWindowSize(2).waitDurationInOpenState(OPEN_FOR).build());
    final Bulkhead bulkhead = Bulkhead.of("test", BulkheadConfig.custom()
            .maxConcurrentCalls(MAX_CONCURRENT_CHECKS).maxWaitDuration(Duration.ZERO).build());

    /** How late order's threads get the CPU, as the client is told: on time unless a test says otherwise. */
    private Duration stalledFor = Duration.ZERO;
    private final CallerStalls stalls = new CallerStalls() {
        @Override
        Duration recent() {
            return stalledFor;
        }
    };

    @AfterEach
    void stop() {
        productService.close();
        stalls.close();
    }

    @Test
    void theAnswerIsTheCataloguesAvailabilityOfTheProduct() {
        productService.available(1, 3500);
        productService.soldOut(2, 4000);
        productService.product(3, 0, "Available", false, 9);
        var client = clientOf(productService.url());

        assertThat(client.availabilityOf(1))
                .contains(new ProductAvailability(1, 3500, ProductStatus.Available, true, 1));
        assertThat(client.availabilityOf(2))
                .contains(new ProductAvailability(2, 4000, ProductStatus.SoldOut, false, 1));
        assertThat(client.availabilityOf(3))
                .contains(new ProductAvailability(3, 0, ProductStatus.Available, false, 9));
    }

    /** The consumer's half of the check's contract; product's ProductApiTest proves it answers the same example. */
    @Test
    void theContractsExampleReadsAsTheProductsAvailability() {
        productService.answering(7, 200, Contracts.productAvailability());

        assertThat(clientOf(productService.url()).availabilityOf(7))
                .contains(new ProductAvailability(7, 4500, ProductStatus.Available, true, 3));
    }

    @Test
    void anUnknownProductIsNoAvailabilityAndNotAFailure() {
        var client = clientOf(productService.url());
        for (int i = 0; i < 5; i++) {
            assertThat(client.availabilityOf(9)).isEqualTo(Optional.empty());
        }

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aBaseAddressWithATrailingSlashIsKept() {
        productService.available(1, 3500);

        assertThat(clientOf(productService.url() + "/").availabilityOf(1)).isPresent();
    }

    @Test
    void fieldsTheProductServiceAddsLaterAreIgnored() {
        productService.answering(1, 200, """
                {"productId":1,"price":3500,"status":"Available","orderable":true,"version":3,"name":"Latte"}""");

        assertThat(clientOf(productService.url()).availabilityOf(1))
                .contains(new ProductAvailability(1, 3500, ProductStatus.Available, true, 3));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            3500 | answered something other than a product's availability
            {} | answered something other than a product's availability
            {"productId":1,"price":3500,"status":"Available","version":3} | answered something other than a product's availability
            {"productId":1,"price":null,"status":"Available","orderable":true,"version":3} | answered something other than a product's availability
            {"productId":1,"price":3500,"status":"Paused","orderable":false,"version":3} | answered something other than a product's availability
            {"productId":2,"price":3500,"status":"Available","orderable":true,"version":3} | answered about product 2 instead of 1
            {"productId":1,"price":-1,"status":"Available","orderable":false,"version":3} | answered an impossible availability (price must be >= 0)""")
    void anAnswerThatIsNotAnAvailabilityIsAFailure(String body, String what) {
        productService.answering(1, 200, body);

        assertThatThrownBy(() -> clientOf(productService.url()).availabilityOf(1))
                .isInstanceOf(ProductCatalogueUnavailableException.class)
                .hasMessage("The product service " + what + ".");
    }

    @Test
    void anErrorAnswerIsAFailure() {
        productService.failing(1);

        assertThatThrownBy(() -> clientOf(productService.url()).availabilityOf(1))
                .isInstanceOf(ProductCatalogueUnavailableException.class)
                .hasMessage("The product service answered HTTP 500.");
    }

    @Test
    void anAbsentProductServiceFailsAtOnce() throws IOException {
        assertThatThrownBy(() -> clientOf(closedUrl()).availabilityOf(1))
                .isInstanceOf(ProductCatalogueUnavailableException.class)
                .hasMessage("The product service could not be reached.");
    }

    @Test
    void checksTakeTurnsAtTheProductServicesInstances() {
        try (var second = StubProductService.start()) {
            productService.available(1, 3500);
            second.available(1, 3500);
            var client = clientOf(productService.url(), second.url());

            for (int i = 0; i < 6; i++) {
                assertThat(client.availabilityOf(1)).isPresent();
            }

            assertThat(productService.calls()).isEqualTo(3);
            assertThat(second.calls()).isEqualTo(3);
        }
    }

    @Test
    void aCheckThatCannotReachOneInstanceAsksTheNextWithoutCountingAFailure() throws IOException {
        productService.available(1, 3500);
        var client = clientOf(closedUrl(), productService.url());

        for (int i = 0; i < 6; i++) {
            assertThat(client.availabilityOf(1)).isPresent();
        }

        assertThat(productService.calls()).isEqualTo(6);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void anInstanceThatSaysItIsNotReadyIsNoLongerAskedWhileAnotherIs() {
        productService.available(1, 3500);
        try (var second = StubProductService.start()) {
            second.available(1, 3500);
            var client = clientOf(productService.url(), second.url());
            // stopping: readiness down first, while it still answers (siren-shutdown's drain)
            productService.ready(false);
            await().atMost(Duration.ofSeconds(5)).pollInterval(ProductInstances.CHECK_EVERY).untilAsserted(() -> {
                int before = productService.calls();
                for (int i = 0; i < 4; i++) {
                    assertThat(client.availabilityOf(1)).isPresent();
                }
                assertThat(productService.calls()).as("checks asked of the instance that is not ready")
                        .isEqualTo(before);
            });

            productService.ready(true);
            await().atMost(Duration.ofSeconds(5)).pollInterval(ProductInstances.CHECK_EVERY).untilAsserted(() -> {
                int before = productService.calls();
                for (int i = 0; i < 4; i++) {
                    assertThat(client.availabilityOf(1)).isPresent();
                }
                assertThat(productService.calls()).as("checks asked of it, ready again").isEqualTo(before + 2);
            });
        }
    }

    @Test
    void withNoInstanceReadyEachIsStillAsked() throws IOException {
        productService.available(1, 3500);
        productService.ready(false);
        var client = clientOf(productService.url(), closedUrl());

        await().atMost(Duration.ofSeconds(5)).pollInterval(ProductInstances.CHECK_EVERY)
                .untilAsserted(() -> assertThat(client.availabilityOf(1)).isPresent());
    }

    @Test
    void aCheckThatCanReachNoInstanceFailsOnceAtOnce() throws IOException {
        var client = clientOf(closedUrl(), closedUrl());

        long start = System.nanoTime();
        assertThatThrownBy(() -> client.availabilityOf(1))
                .isInstanceOf(ProductCatalogueUnavailableException.class)
                .hasMessage("The product service could not be reached.");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void anInstanceThatIsSlowGetsItsShareOfTheBudgetAndTheNextIsAskedWithinIt() {
        try (var second = StubProductService.start()) {
            productService.hanging(1);
            second.available(1, 3500);
            // the first check's turn is the first instance's
            var client = clientOf(productService.url(), second.url());

            long start = System.nanoTime();
            assertThat(client.availabilityOf(1)).map(ProductAvailability::price).contains(3500);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(TIMEOUT.dividedBy(2), TIMEOUT);
            assertThat(second.calls()).isOne();
            assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
        }
    }

    @Test
    void aSlowInstanceIsAskedAgainForTheRestOfTheBudgetWhenTheOthersCannotBeReached() throws Exception {
        productService.gated(1, 3500);
        var client = clientOf(productService.url(), closedUrl());

        try (var later = Executors.newSingleThreadScheduledExecutor()) {
            // past the first instance's share of the budget, within the whole of it
            later.schedule(productService::openGate, TIMEOUT.multipliedBy(2).dividedBy(3).toMillis(),
                    TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            assertThat(client.availabilityOf(1)).map(ProductAvailability::price).contains(3500);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(TIMEOUT.dividedBy(2), TIMEOUT);
        }
        assertThat(productService.calls()).as("asked, given up on, asked again").isEqualTo(2);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void whenEveryInstanceIsSlowTheCheckIsGivenUpOnAtTheDeadline() {
        try (var second = StubProductService.start()) {
            productService.hanging(1);
            second.hanging(1);
            var client = clientOf(productService.url(), second.url());

            long start = System.nanoTime();
            assertThatThrownBy(() -> client.availabilityOf(1))
                    .isInstanceOf(ProductCatalogueUnavailableException.class)
                    .hasMessage("The product service did not answer within 1500 ms.");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(TIMEOUT, TIMEOUT.plusSeconds(1));
            assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isOne();
        }
    }

    @Test
    void aCheckCancelledBetweenTwoStepsOfItsExchangeIsRefusedHonestlyNotAnUnexpectedFailure() {
        productService.available(1, 3500);
        var client = clientOf(ProductServiceClientTest::cancelledBetweenSteps, productService.url());

        assertThatThrownBy(() -> client.availabilityOf(1))
                .isInstanceOf(ProductCatalogueUnavailableException.class)
                .hasMessage("The product service did not answer within 1500 ms.");
    }

    @Test
    void aSilentProductServiceIsGivenUpOnAtTheDeadline() {
        productService.hanging(1);
        var client = clientOf(productService.url());

        long start = System.nanoTime();
        assertThatThrownBy(() -> client.availabilityOf(1))
                .isInstanceOfSatisfying(ProductCatalogueUnavailableException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)))
                .hasMessage("The product service did not answer within 1500 ms.");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(TIMEOUT, TIMEOUT.plusSeconds(1));
    }

    @Test
    void whileOrderItselfWaitsForTheCpuTheDeadlineStretchesAndTheDelayIsNotHeldAgainstProduct() {
        // order's threads wake a second late: the machine, not product, is slow
        stalledFor = Duration.ofSeconds(1);
        productService.delayedOnTheWay(1, 3500, TIMEOUT.plusMillis(700));
        var client = clientOf(productService.url());

        long start = System.nanoTime();
        assertThat(client.availabilityOf(1)).isPresent();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(TIMEOUT);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(breaker.getMetrics().getNumberOfSlowCalls()).isZero();

        // a stall stretches the deadline only so far: three times the timeout in all
        productService.hanging(2);
        long hung = System.nanoTime();
        assertThatThrownBy(() -> client.availabilityOf(2)).isInstanceOf(ProductCatalogueUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - hung))
                .isBetween(TIMEOUT.multipliedBy(3), TIMEOUT.multipliedBy(3).plusSeconds(1));
    }

    @Test
    void anOpenBreakerAnswersWithoutAskingAndSaysWhenToComeBack() {
        productService.failing(1);
        var client = clientOf(productService.url());
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> client.availabilityOf(1)).isInstanceOf(ProductCatalogueUnavailableException.class);
        }

        assertThatThrownBy(() -> client.availabilityOf(1))
                .isInstanceOfSatisfying(ProductCatalogueUnavailableException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(OPEN_FOR));
        assertThat(productService.calls()).isEqualTo(2);
    }

    @Test
    void aFullBulkheadRefusesAtOnceWithoutAskingAndWithoutCountingAgainstTheProductService() {
        productService.hanging(1);
        productService.available(2, 3500);
        var client = clientOf(productService.url());
        var checks = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int i = 0; i < MAX_CONCURRENT_CHECKS; i++) {
                checks.submit(() -> client.availabilityOf(1));
            }
            // both checks are at the product service, so both hold their place in the bulkhead
            await().atMost(Duration.ofSeconds(5)).until(() -> productService.calls() == MAX_CONCURRENT_CHECKS);
            assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isZero();

            assertThatThrownBy(() -> client.availabilityOf(2))
                    .isInstanceOfSatisfying(ProductCatalogueUnavailableException.class,
                            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)))
                    .hasMessage("Too many orders are waiting for the product service.");
            assertThat(productService.calls()).isEqualTo(MAX_CONCURRENT_CHECKS);
            assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isZero();
            assertThat(breaker.getMetrics().getNumberOfNotPermittedCalls()).isZero();
        } finally {
            productService.reset();
            checks.shutdown();
        }
        // the held checks, once answered, give their places back
        await().atMost(Duration.ofSeconds(5))
                .until(() -> bulkhead.getMetrics().getAvailableConcurrentCalls() == MAX_CONCURRENT_CHECKS);
    }

    /** A base address where nothing listens, so connecting is refused. */
    private static String closedUrl() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private ProductServiceClient clientOf(String... urls) {
        return clientOf(UnaryOperator.identity(), urls);
    }

    private ProductServiceClient clientOf(UnaryOperator<CloseableHttpClient> http, String... urls) {
        var properties = new CatalogueProperties(Arrays.stream(urls).map(URI::create).toList(), TIMEOUT,
                new CatalogueProperties.CircuitBreaker(50, 2, 2, OPEN_FOR, TIMEOUT, 100, 1),
                new CatalogueProperties.Bulkhead(MAX_CONCURRENT_CHECKS), WhenCatalogueUnavailable.REFUSE,
                Duration.ofMillis(100));
        var client = new CatalogueConfiguration().catalogueHttpClient(properties, ObservationRegistry.NOOP);
        return new ProductServiceClient(http.apply(client), properties, breaker, bulkhead, stalls);
    }

    /**
     * The client as HttpClient behaves when a cancel lands between two steps of an exchange: the request is
     * cancelled, and the exchange fails with the state error HttpClient throws then, not with interrupted I/O.
     */
    private static CloseableHttpClient cancelledBetweenSteps(CloseableHttpClient real) {
        return new CloseableHttpClient() {
            @Override
            protected CloseableHttpResponse doExecute(HttpHost target, ClassicHttpRequest request,
                    HttpContext context) {
                ((HttpUriRequestBase) request).cancel();
                throw new IllegalStateException("Endpoint not acquired / already released");
            }

            @Override
            public void close(CloseMode mode) {
                real.close(mode);
            }

            @Override
            public void close() throws IOException {
                real.close();
            }
        };
    }
}
