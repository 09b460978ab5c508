package io.sirenorder.order.catalogue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Which of the product service's instances are ready, as each says at {@code /actuator/health/readiness}, asked
 * every {@link #CHECK_EVERY}: the order in which a check tries them, ready ones first. An instance that is stopping
 * says so (see siren-shutdown) seconds before it stops taking connections, and one that has stopped, or does not
 * answer within {@link #CHECK_TIMEOUT}, counts as not ready: a check then no longer spends its budget waiting on one
 * that is going away. Only with several addresses; a single one (a Kubernetes Service) is the platform's to balance.
 */
final class ProductInstances implements AutoCloseable {

    static final Duration CHECK_EVERY = Duration.ofMillis(500);
    static final Duration CHECK_TIMEOUT = Duration.ofMillis(300);

    private final List<URI> readiness;
    /** 1 where the instance was ready at its last check; all are taken as ready until checked. */
    private final AtomicIntegerArray ready;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CHECK_TIMEOUT).build();
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("product-readiness").daemon().factory());

    ProductInstances(List<URI> baseUrls) {
        this.readiness = baseUrls.stream().map(URI::toString)
                .map(base -> URI.create(base.replaceAll("/+$", "") + "/actuator/health/readiness")).toList();
        this.ready = new AtomicIntegerArray(baseUrls.size());
        for (int i = 0; i < baseUrls.size(); i++) {
            ready.set(i, 1);
        }
        if (baseUrls.size() > 1) {
            checks.scheduleWithFixedDelay(this::checkAll, 0, CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Every instance, those ready first, each group in turn from {@code first}: the order a check tries them in. */
    List<Integer> inTurnFrom(int first) {
        int instances = ready.length();
        List<Integer> readyFirst = new ArrayList<>(instances);
        List<Integer> others = new ArrayList<>(instances);
        for (int i = 0; i < instances; i++) {
            int instance = (first + i) % instances;
            (ready.get(instance) == 1 ? readyFirst : others).add(instance);
        }
        readyFirst.addAll(others);
        return readyFirst;
    }

    private void checkAll() {
        for (int i = 0; i < readiness.size(); i++) {
            ready.set(i, isReady(readiness.get(i)) ? 1 : 0);
        }
    }

    private boolean isReady(URI readinessUrl) {
        try {
            return http.send(HttpRequest.newBuilder(readinessUrl).timeout(CHECK_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // stopped, not yet started, or not answering in time: not one to ask now
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        checks.shutdownNow();
        http.close();
    }
}
