package io.sirenorder.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real HTTP backend on a free loopback port: it records every request that reaches it and answers as the test
 * tells it to. Its {@value #READINESS} answers apart, as a service's does: 200 while it is ready, 503 when the test
 * says it is not; those checks are counted, not recorded.
 */
final class StubBackend {

    record Received(String method, String uri, Headers headers, String body) {
    }

    private record Answer(int status, Map<String, String> headers, String body) {
    }

    static final String READINESS = "/actuator/health/readiness";

    private static final long BOUND_SECONDS = 10;

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile Answer answer;
    private volatile CountDownLatch hanging = new CountDownLatch(0);
    /** How many of the next requests to drop: every one while {@link Integer#MAX_VALUE}. */
    private final AtomicInteger toDrop = new AtomicInteger();
    private volatile boolean streaming;
    private volatile boolean ready = true;
    private final AtomicInteger readinessChecks = new AtomicInteger();

    private StubBackend(String name, int port) throws IOException {
        this.name = name;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        // one thread per exchange, so a hanging answer holds up nothing else
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        reset();
        server.start();
    }

    static StubBackend start(String name) {
        return startOn(name, 0);
    }

    /** A backend on the given port: one that was down (see {@link #freePort()}) and has come back. */
    static StubBackend startOn(String name, int port) {
        try {
            return new StubBackend(name, port);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A backend that is never up: port 1, below the range the system hands out to listeners on port 0. A port merely
     * free now would not do: JUnit loads the test classes before running any, and a server another class starts later
     * (a cached gateway context, on a random port) may be given it, and answer.
     */
    static String downUrl() {
        return "http://127.0.0.1:1";
    }

    /** A loopback port nothing listens on (yet). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Forgets what was received and answers {@code 200} with the backend's name, ready, releasing any hanging
     * answer.
     */
    void reset() {
        hanging.countDown();
        toDrop.set(0);
        streaming = false;
        ready = true;
        received.clear();
        answer(200, name, "Content-Type", "text/plain");
    }

    void answer(int status, String body, String... headerNamesAndValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            headers.put(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        answer = new Answer(status, headers, body);
    }

    /** Holds every answer back until {@link #reset()} or {@link #stop()} (or a generous bound) releases it. */
    void hang() {
        hanging = new CountDownLatch(1);
    }

    /**
     * Sends the status, headers and body at once, as a stream's first part, then holds the exchange open, as a
     * streaming service does, until {@link #reset()} or {@link #stop()} (or a generous bound).
     */
    void streamThenHold() {
        hanging = new CountDownLatch(1);
        streaming = true;
    }

    /** Whether answers are still held back (see {@link #hang()} and {@link #streamThenHold()}). */
    boolean isHolding() {
        return hanging.getCount() > 0;
    }

    /** Whether its readiness answers 200 (the default) or 503; everything else is answered as before. */
    void ready(boolean ready) {
        this.ready = ready;
    }

    /** How often its readiness has been asked for. */
    int readinessChecks() {
        return readinessChecks.get();
    }

    /** Closes every connection as soon as a request has arrived on it, answering nothing. */
    void dropConnections() {
        toDrop.set(Integer.MAX_VALUE);
    }

    /** Closes the connection of the next request that arrives, answering nothing, as a race with a closing one. */
    void dropNextConnection() {
        toDrop.set(1);
    }

    private boolean drops() {
        return toDrop.getAndUpdate(left -> left == Integer.MAX_VALUE || left == 0 ? left : left - 1) > 0;
    }

    /** How many requests have reached this backend since the last {@link #reset()}, not yet taken. */
    int receivedCount() {
        return received.size();
    }

    /** The next request that reached this backend. */
    Received takeRequest() throws InterruptedException {
        Received request = received.poll(BOUND_SECONDS, TimeUnit.SECONDS);
        assertThat(request).as("a request reaching the %s backend", name).isNotNull();
        return request;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestURI().getPath().equals(READINESS)) {
                readinessChecks.incrementAndGet();
                exchange.sendResponseHeaders(ready ? 200 : 503, -1);
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(), body));
            if (!streaming) {
                awaitRelease();
            }
            if (drops()) {
                return; // closing the exchange before sending a status closes its connection
            }
            Answer current = answer;
            current.headers().forEach(exchange.getResponseHeaders()::set);
            byte[] bytes = current.body().getBytes(StandardCharsets.UTF_8);
            // a stream's length is not known in advance: 0 asks for a chunked body
            exchange.sendResponseHeaders(current.status(), streaming ? 0 : bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            if (streaming) {
                exchange.getResponseBody().flush();
                awaitRelease();
            }
        }
    }

    private void awaitRelease() {
        try {
            hanging.await(BOUND_SECONDS, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void stop() {
        hanging.countDown();
        server.stop(0);
        executor.close();
    }
}
