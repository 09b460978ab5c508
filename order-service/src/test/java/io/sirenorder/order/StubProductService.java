package io.sirenorder.order;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sirenorder.testing.contracts.Contracts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for the product service's {@code GET /products/{productId}/availability}, told per product how to
 * answer; a product it was told nothing about is unknown (404 with a problem body, as the product service answers).
 * It can also be stopped, and comes back on the same port at {@link #reset()}.
 */
public final class StubProductService implements AutoCloseable {

    private static final Pattern AVAILABILITY = Pattern.compile("/products/(\\d+)/availability");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private sealed interface Answer {
    }

    private record Product(int price, String status, boolean orderable, long version) implements Answer {
    }

    private record Raw(int status, String body) implements Answer {
    }

    private record NoAnswer() implements Answer {
    }

    private record Gated(Product product) implements Answer {
    }

    /** Answered {@code delay} after the call; {@code serverTiming} is what the answer says product took, if anything. */
    private record Slow(Product product, Duration delay, String serverTiming) implements Answer {
    }

    private final Map<Long, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> traceparents = new CopyOnWriteArrayList<>();
    private final int port;
    private volatile HttpServer server;
    private volatile boolean stopped;
    private volatile boolean ready = true;
    private volatile CountDownLatch hangingCallsReleased = new CountDownLatch(1);
    private volatile CountDownLatch gate = new CountDownLatch(1);
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stub-product-service-later");
        thread.setDaemon(true);
        return thread;
    });

    private StubProductService() {
        server = listen(0);
        port = server.getAddress().getPort();
    }

    public static StubProductService start() {
        return new StubProductService();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** On sale at {@code price}; the product service calls it orderable when the price is positive. */
    public void available(long productId, int price) {
        product(productId, price, "Available", price > 0, 1);
    }

    public void soldOut(long productId, int price) {
        product(productId, price, "SoldOut", false, 1);
    }

    /** Answers exactly these fields, even where they contradict each other. */
    public void product(long productId, int price, String status, boolean orderable, long version) {
        answers.put(productId, new Product(price, status, orderable, version));
    }

    /** Answers {@code status} with {@code body}, whatever they are. */
    public void answering(long productId, int status, String body) {
        answers.put(productId, new Raw(status, body));
    }

    public void failing(long productId) {
        answering(productId, 500, "{\"title\":\"Internal Server Error\",\"status\":500}");
    }

    /** On sale at {@code price}, answered only when {@link #openGate()} (or {@link #reset()}) is called. */
    public void gated(long productId, int price) {
        answers.put(productId, new Gated(new Product(price, "Available", price > 0, 1)));
    }

    /** Answers every gated call, now and from now on. */
    public void openGate() {
        gate.countDown();
    }

    /**
     * On sale at {@code price}, answered {@code delay} after each call (without holding a thread meanwhile), saying
     * so as the product service does ({@code Server-Timing: app;dur=<delay>}): the product service itself is slow.
     */
    public void slow(long productId, int price, Duration delay) {
        answers.put(productId, new Slow(new Product(price, "Available", price > 0, 1), delay,
                "app;dur=" + delay.toMillis()));
    }

    /**
     * On sale at {@code price}, answered {@code delay} after each call, but saying that the product service took a
     * millisecond: as on a saturated machine, where the time goes to queues outside the product service.
     */
    public void delayedOnTheWay(long productId, int price, Duration delay) {
        answers.put(productId, new Slow(new Product(price, "Available", price > 0, 1), delay, "app;dur=1.0"));
    }

    /** As {@link #slow}, from a server that says nothing of its own time: only the round trip tells. */
    public void slowWithoutTiming(long productId, int price, Duration delay) {
        answers.put(productId, new Slow(new Product(price, "Available", price > 0, 1), delay, null));
    }

    /** Keeps the caller waiting until {@link #reset()}. */
    public void hanging(long productId) {
        answers.put(productId, new NoAnswer());
    }

    /** The product service is down: its port refuses connections until {@link #reset()}. */
    public void stop() {
        server.stop(0);
        stopped = true;
    }

    public int calls() {
        return calls.get();
    }

    /** The {@code Authorization} header of every call since the last reset, {@code ""} for a call without. */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** The {@code traceparent} header of every call since the last reset, {@code ""} for a call without. */
    public List<String> traceparents() {
        return List.copyOf(traceparents);
    }

    /** Whether its readiness ({@code /actuator/health/readiness}) answers 200, as by default, or 503, as stopping. */
    public void ready(boolean ready) {
        this.ready = ready;
    }

    /** Forgets every answer and call, releases hanging calls, and is up and ready again. */
    public void reset() {
        ready = true;
        answers.clear();
        calls.set(0);
        authorizations.clear();
        traceparents.clear();
        CountDownLatch released = hangingCallsReleased;
        hangingCallsReleased = new CountDownLatch(1);
        released.countDown();
        CountDownLatch opened = gate;
        gate = new CountDownLatch(1);
        opened.countDown();
        if (stopped) {
            server = listen(port);
            stopped = false;
        }
    }

    @Override
    public void close() {
        reset();
        server.stop(0);
    }

    private HttpServer listen(int onPort) {
        try {
            HttpServer listening = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 0);
            listening.createContext("/products/", this::availability);
            listening.createContext("/actuator/health/readiness", exchange -> {
                try (exchange) {
                    exchange.sendResponseHeaders(ready ? 200 : 503, -1);
                }
            });
            listening.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            listening.start();
            return listening;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the stub product service", e);
        }
    }

    private void availability(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization") instanceof String header
                ? header : "");
        traceparents.add(exchange.getRequestHeaders().getFirst("traceparent") instanceof String header
                ? header : "");
        Matcher path = AVAILABILITY.matcher(exchange.getRequestURI().getPath());
        if (!path.matches()) {
            respond(exchange, 404, "application/problem+json", "{\"status\":404,\"title\":\"Not Found\"}");
            return;
        }
        long productId = Long.parseLong(path.group(1));
        switch (answers.get(productId)) {
            case null -> respond(exchange, 404, "application/problem+json", """
                    {"type":"about:blank","title":"Not Found","status":404,"detail":"Product %d does not exist.",\
                    "instance":"/products/%d/availability"}""".formatted(productId, productId));
            case Product product -> respond(exchange, productId, product);
            case Gated(Product product) -> {
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                respond(exchange, productId, product);
            }
            case Slow(Product product, Duration delay, String serverTiming) -> later.schedule(() -> {
                try {
                    if (serverTiming != null) {
                        exchange.getResponseHeaders().set("Server-Timing", serverTiming);
                    }
                    respond(exchange, productId, product);
                } catch (IOException e) {
                    exchange.close();
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
            case Raw(int status, String body) -> respond(exchange, status, "application/json", body);
            case NoAnswer() -> {
                try {
                    hangingCallsReleased.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            }
        }
    }

    /** The product's availability in the shape of the contract's example, which product's own tests answer in. */
    private static void respond(HttpExchange exchange, long productId, Product product) throws IOException {
        ObjectNode availability = (ObjectNode) JSON.readTree(Contracts.productAvailability());
        availability.put("productId", productId).put("price", product.price()).put("status", product.status())
                .put("orderable", product.orderable()).put("version", product.version());
        respond(exchange, 200, "application/json", JSON.writeValueAsString(availability));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
