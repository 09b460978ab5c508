package io.sirenorder.order.catalogue;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.sirenorder.order.application.ProductCatalogue;
import io.sirenorder.order.application.ProductCatalogueUnavailableException;
import io.sirenorder.order.domain.ProductAvailability;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks the product service {@code GET /products/{productId}/availability}: 200 with the product's price, status,
 * {@code orderable} and version, or 404 when it does not exist. Every check has one deadline, connecting
 * included, and goes through a circuit breaker, so a failing or slow product service costs an order at most the
 * timeout and, once the breaker opens, nothing at all. Around both sits a bulkhead: only so many orders wait on the
 * product service at once, and one more is refused at once instead of taking another request thread.
 * <p>
 * The breaker judges the product service, not the machine it shares with order: a check counts as slow by the time
 * product says it took ({@code Server-Timing: app;dur=...}), not by the round trip, which on a saturated machine is
 * mostly queueing at the caller. Only an error, an unreadable answer or a missed deadline counts as a failure. Without
 * the header (another server), the round trip is all there is to judge by. While order's own threads wait for the
 * CPU ({@link CallerStalls}), the deadline stretches by as long as they wait, up to three times the budget, and that
 * wait is taken off product's own time too: what the machine takes from everyone is not product's doing.
 * <p>
 * With several instances of the product service ({@code siren.catalogue.url} lists them), the checks take turns at
 * them, and a check that could not get an answer from one (it refused the connection, as a stopped or restarting
 * instance does, or dropped it) asks the next, within the same deadline: the check is a read, so asking twice is
 * harmless, and the breaker sees one outcome per check. While another is left to ask, an instance gets only its
 * share of the budget: one just restarted answers its first requests slowly, its code not yet compiled, when the next
 * would answer at once. Each instance gets two chances, as one that is stopping may fail a request it did not read;
 * those that say they are ready are asked first ({@link ProductInstances}). With a single address (a Kubernetes
 * Service) a check is one exchange.
 */
class ProductServiceClient implements ProductCatalogue, AutoCloseable {

    /** When a single check failed, the next one may well succeed. */
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

    /**
     * Every field must be there, so that a broken answer is never taken for "price 0"; fields the product service
     * may add later are ignored.
     */
    private static final ObjectReader AVAILABILITY_READER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build()
            .readerFor(ProductAvailability.class);

    /** What came back: the status, the body, and how long the product service says it took. */
    private record Reply(int status, byte[] body, OptionalLong productNanos) {
    }

    private final CloseableHttpClient http;
    // one per instance of the product service
    private final List<String> productsUrls;
    private final AtomicInteger turn = new AtomicInteger();
    private final ProductInstances instances;
    private final Duration timeout;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final Duration retryAfterOpen;
    private final CallerStalls stalls;
    private final Duration stallTolerance;
    private final Duration longestCheck;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("catalogue-deadlines").daemon().factory());

    ProductServiceClient(CloseableHttpClient http, CatalogueProperties properties, CircuitBreaker breaker,
            Bulkhead bulkhead, CallerStalls stalls) {
        this.http = http;
        this.productsUrls = properties.url().stream().map(URI::toString)
                .map(base -> (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/products/")
                .toList();
        this.instances = new ProductInstances(properties.url());
        this.timeout = properties.timeout();
        this.breaker = breaker;
        this.bulkhead = bulkhead;
        this.retryAfterOpen = properties.circuitBreaker().waitDurationInOpenState();
        this.stalls = stalls;
        this.stallTolerance = properties.callerStallTolerance();
        this.longestCheck = properties.longestCheck();
    }

    @Override
    public Optional<ProductAvailability> availabilityOf(long productId) {
        // the bulkhead outside the breaker: a refusal for being full says nothing about the product service, so
        // it must not count as one of its failures
        try {
            return bulkhead.executeSupplier(() -> checkThroughBreaker(productId));
        } catch (CallNotPermittedException e) {
            throw new ProductCatalogueUnavailableException(
                    "The product service is failing, so orders are paused for a moment.", retryAfterOpen, e);
        } catch (BulkheadFullException e) {
            throw new ProductCatalogueUnavailableException(
                    "Too many orders are waiting for the product service.", RETRY_AFTER_FAILURE, e);
        }
    }

    private Optional<ProductAvailability> checkThroughBreaker(long productId) {
        breaker.acquirePermission();
        long started = System.nanoTime();
        try {
            Reply reply = ask(productId);
            Optional<ProductAvailability> availability = switch (reply.status()) {
                case 200 -> Optional.of(availability(productId, reply.body()));
                // an unknown product is an answer, not a failure: it must not open the breaker
                case 404 -> Optional.empty();
                default -> throw unavailable("answered HTTP " + reply.status(), null);
            };
            long took = reply.productNanos().orElse(System.nanoTime() - started) - stall().toNanos();
            breaker.onSuccess(Math.max(0, took), TimeUnit.NANOSECONDS);
            return availability;
        } catch (RuntimeException e) {
            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
            throw e;
        }
    }

    /**
     * One exchange with the product service, within the budget: the pooled connection's timeouts bound each step,
     * and the deadline, if it comes first, cancels the exchange, connecting included. With several instances, the
     * next ready one's turn, then each of the others after a failure or its share of the budget, in two rounds.
     */
    private Reply ask(long productId) {
        List<Integer> inTurn = instances.inTurnFrom(Math.floorMod(turn.getAndIncrement(), productsUrls.size()));
        Deadline deadline = new Deadline();
        try {
            IOException unreachable = null;
            // twice: one restarting refuses, one stopping may drop a request, one just started may be slow
            int attempts = inTurn.size() == 1 ? 1 : 2 * inTurn.size();
            for (int tried = 0; tried < attempts; tried++) {
                try {
                    return exchange(inTurn.get(tried % inTurn.size()), productId, deadline, tried < attempts - 1);
                } catch (IOException e) {
                    unreachable = e;
                }
            }
            throw unavailable("could not be reached", unreachable);
        } finally {
            deadline.cancel();
        }
    }

    /** One request to one instance; with {@code othersLeft}, given up on (an IOException) after its share. */
    private Reply exchange(int instance, long productId, Deadline deadline, boolean othersLeft) throws IOException {
        HttpGet request = new HttpGet(productsUrls.get(instance) + productId + "/availability");
        request.setHeader(HttpHeaders.ACCEPT, "application/json");
        deadline.watch(request);
        ScheduledFuture<?> share = othersLeft
                ? deadlines.schedule(request::cancel, timeout.toNanos() / productsUrls.size(), TimeUnit.NANOSECONDS)
                : null;
        try {
            return http.execute(request, response -> new Reply(response.getCode(),
                    response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity()),
                    ProductTiming.of(Arrays.stream(response.getHeaders(ProductTiming.HEADER))
                            .map(Header::getValue).toList())));
        } catch (IOException e) {
            throw tryNextOrGiveUp(e, deadline, share);
        } catch (IllegalStateException e) {
            if (!request.isCancelled()) {
                throw e;
            }
            // HttpClient tells a cancel landing between two steps of the exchange as a released endpoint
            var cancelled = new InterruptedIOException("cancelled: " + e.getMessage());
            cancelled.initCause(e);
            throw tryNextOrGiveUp(cancelled, deadline, share);
        } finally {
            if (share != null) {
                share.cancel(false);
            }
        }
    }

    /** The failure, for the next instance to be asked; or, the budget spent, the check given up on (thrown). */
    private IOException tryNextOrGiveUp(IOException failure, Deadline deadline, ScheduledFuture<?> share) {
        if (deadline.isOver()) {
            throw tooSlow(failure);
        }
        if (failure instanceof InterruptedIOException && (share == null || !share.isDone())) {
            throw tooSlow(failure);
        }
        return failure;
    }

    /** How long order's threads have lately waited for the CPU, when that is beyond the tolerance; else nothing. */
    private Duration stall() {
        Duration stall = stalls.recent();
        return stall.compareTo(stallTolerance) > 0 ? stall : Duration.ZERO;
    }

    /**
     * Cancels the exchange under way when the budget is spent; while order itself is stalled, it first waits as long
     * again as the stall, up to the longest a check may take.
     */
    private final class Deadline implements Runnable {

        private final long latest = System.nanoTime() + longestCheck.toNanos();
        private volatile HttpGet current;
        private volatile ScheduledFuture<?> next;
        private volatile boolean over;
        private volatile boolean done;

        Deadline() {
            this.next = deadlines.schedule(this, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** The exchange to cancel from now on: at once, if the budget is already spent. */
        void watch(HttpGet request) {
            current = request;
            if (over) {
                request.cancel();
            }
        }

        boolean isOver() {
            return over;
        }

        @Override
        public void run() {
            long now = System.nanoTime();
            long stretch = Math.min(stall().toNanos(), latest - now);
            if (done) {
                return;
            }
            if (stretch > 0) {
                next = deadlines.schedule(this, stretch, TimeUnit.NANOSECONDS);
            } else {
                over = true;
                HttpGet request = current;
                if (request != null) {
                    request.cancel();
                }
            }
        }

        void cancel() {
            done = true;
            next.cancel(false);
        }
    }

    /** Stops watching deadlines and readiness; the HTTP client is closed on its own. */
    @Override
    public void close() {
        deadlines.shutdownNow();
        instances.close();
    }

    private static ProductAvailability availability(long productId, byte[] body) {
        ProductAvailability availability;
        try {
            availability = AVAILABILITY_READER.readValue(body);
        } catch (ValueInstantiationException e) {
            // well formed, but against the rules a product's availability keeps
            throw unavailable("answered an impossible availability (" + e.getCause().getMessage() + ")", e);
        } catch (JacksonException e) {
            throw unavailable("answered something other than a product's availability", e);
        }
        if (availability.productId() != productId) {
            throw unavailable("answered about product " + availability.productId() + " instead of " + productId,
                    null);
        }
        return availability;
    }

    private ProductCatalogueUnavailableException tooSlow(Throwable cause) {
        return unavailable("did not answer within " + timeout.toMillis() + " ms", cause);
    }

    private static ProductCatalogueUnavailableException unavailable(String what, Throwable cause) {
        return new ProductCatalogueUnavailableException("The product service " + what + ".", RETRY_AFTER_FAILURE,
                cause);
    }
}
