package io.sirenorder.bench;

import static io.sirenorder.local.Service.AUTH;
import static io.sirenorder.local.Service.KAFKA;
import static io.sirenorder.local.Service.PRODUCT;

import io.sirenorder.bench.ProductClient.Percentiles;
import io.sirenorder.bench.ProductClient.TimerTotals;
import io.sirenorder.events.Topics;
import io.sirenorder.local.LocalSystem;
import io.sirenorder.local.Topology;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * How long a committed product change takes to reach its Kafka topic, and what the transactional outbox adds to
 * each change, on H2 and on PostgreSQL. Kafka and the product service run as {@code ./siren up} runs them (processes
 * of their own, here on free ports with their files under {@code siren-bench/target/outbox-latency/<database>/});
 * a hundred products are registered, then their prices change at a steady 200 a second, first to warm up, then
 * measured. Prints a Markdown table and writes it to {@code siren-bench/target/outbox-latency.md}.
 * Run it from the repository: {@code ./siren bench outbox}.
 */
public final class OutboxLatencyBench {

    private static final int PRODUCTS = 100;
    private static final int CHANGES_PER_SECOND = 200;
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final Duration MEASURED = Duration.ofSeconds(20);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final String LAG = "siren.outbox.lag";
    private static final String APPEND = "siren.outbox.append";
    private static final Path TARGET = Path.of("siren-bench", "target");

    /** One database's figures; the times in milliseconds. */
    record Result(String database, int changes, double ratePerSecond, double lagP50, double lagP99,
                  double consumerP50, double consumerP99, double appendMean, double appendP99,
                  double patchP50, double patchP99) {
    }

    private OutboxLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        if (!Files.isDirectory(TARGET)) {
            throw new IllegalStateException("run this from the repository's root, after a build: ./siren bench outbox");
        }
        List<Result> results = new ArrayList<>();
        results.add(measure("H2", List.of()));
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                // PostgreSQL's default, which the embedded server turns off: a commit waits until its WAL is on disk
                .setServerConfig("synchronous_commit", "on")
                .start()) {
            String url = "jdbc:postgresql://" + Topology.HOST + ":" + postgres.getPort() + "/postgres";
            results.add(measure("PostgreSQL", List.of("--spring.datasource.url=" + url,
                    "--spring.datasource.username=postgres", "--spring.datasource.password=postgres")));
        }
        String report = report(results);
        Path file = TARGET.resolve("outbox-latency.md");
        Files.writeString(file, report);
        System.out.println();
        System.out.print(report);
        System.out.println();
        System.out.println("Written to " + file);
    }

    private static Result measure(String database, List<String> productArgs) throws Exception {
        Path home = TARGET.resolve("outbox-latency").resolve(database.toLowerCase(Locale.ROOT));
        deleteRecursively(home); // a fresh database and Kafka log for every run
        try (LocalSystem system = LocalSystem.builder()
                .homeDir(home)
                .services(KAFKA, AUTH, PRODUCT)
                .freePorts()
                .args(PRODUCT, percentilesOverTheMeasuredPhase())
                .args(PRODUCT, productArgs.toArray(String[]::new))
                .build()) {
            System.out.printf("%s: starting Kafka, auth and the product service (logs in %s)%n", database,
                    system.logDir());
            system.startAll();
            try (var product = new ProductClient(system.baseUrl(PRODUCT),
                    SystemHttp.accessToken(system, "clerk"));
                 var topic = new TopicLatency(system.kafkaBootstrapServers(), Topics.PRODUCT_EVENTS)) {
                return measure(database, product, topic);
            }
        }
    }

    private static Result measure(String database, ProductClient product, TopicLatency topic) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < PRODUCTS; i++) {
            ids.add(product.register(1000));
        }
        // every change sets a price no product has had yet, so each one is a real change with an event
        var price = new AtomicInteger(1000);
        SteadyLoad.Request change = sequence -> product.changePrice(ids.get(sequence % ids.size()),
                price.incrementAndGet());

        System.out.printf("%s: warming up, %d changes a second for %d s%n", database, CHANGES_PER_SECOND,
                WARM_UP.toSeconds());
        int events = PRODUCTS + SteadyLoad.run(CHANGES_PER_SECOND, WARM_UP, change).requests();
        awaitAcknowledged(product, events);
        TimerTotals appendBefore = product.timerTotals(APPEND);
        topic.measureFrom(Instant.now());

        System.out.printf("%s: measuring, %d changes a second for %d s%n", database, CHANGES_PER_SECOND,
                MEASURED.toSeconds());
        SteadyLoad.Outcome load = SteadyLoad.run(CHANGES_PER_SECOND, MEASURED, change);
        Histogram toConsumer = topic.await(load.requests(), DRAIN_TIMEOUT);
        awaitAcknowledged(product, events + load.requests());
        TimerTotals appendAfter = product.timerTotals(APPEND);
        Percentiles lag = product.percentiles("siren_outbox_lag_seconds");
        Percentiles append = product.percentiles("siren_outbox_append_seconds");

        return new Result(database, load.requests(), load.ratePerSecond(),
                lag.p50Seconds() * 1e3, lag.p99Seconds() * 1e3,
                millis(toConsumer, 50), millis(toConsumer, 99),
                (appendAfter.totalSeconds() - appendBefore.totalSeconds())
                        / (appendAfter.count() - appendBefore.count()) * 1e3,
                append.p99Seconds() * 1e3,
                millis(load.latencies(), 50), millis(load.latencies(), 99));
    }

    /**
     * Micrometer's percentiles decay: read at a moment, they cover between (n - 1) / n of the expiry and the whole
     * expiry before it, n being the buffer length. With the expiry as long as the measured phase and one buffer a
     * second, read right after that phase, they cover nearly all of it and none of the warm-up.
     */
    private static String[] percentilesOverTheMeasuredPhase() {
        // a map key with dots in brackets: without them Spring binds the buffer length but not the expiry
        return new String[] {
                "--management.metrics.distribution.expiry[siren.outbox]=" + MEASURED.toSeconds() + "s",
                "--management.metrics.distribution.buffer-length[siren.outbox]=" + MEASURED.toSeconds()};
    }

    /** Waits until the relay has had {@code events} records acknowledged by Kafka. */
    private static void awaitAcknowledged(ProductClient product, long events) throws Exception {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        long acknowledged;
        while ((acknowledged = product.timerTotals(LAG).count()) < events) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka acknowledged only " + acknowledged + " of " + events
                        + " events within " + DRAIN_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    private static double millis(Histogram microseconds, double percentile) {
        return microseconds.getValueAtPercentile(percentile) / 1e3;
    }

    private static String report(List<Result> results) {
        var table = new StringBuilder("""
                ## Outbox latency: from a product change's commit to Kafka

                %s, %d cores, Java %s. Kafka (one broker) and the product service on this machine; %d products, \
                %d price changes a second (PATCH /products/{id}) for %d s after a %d s warm-up. Times in ms.

                | database | changes | rate (/s) | commit → topic p50 / p99 | commit → consumer p50 / p99 \
                | outbox write mean / p99 | PATCH p50 / p99 |
                |---|--:|--:|--:|--:|--:|--:|
                """.formatted(LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                Runtime.version().feature(), PRODUCTS, CHANGES_PER_SECOND, MEASURED.toSeconds(), WARM_UP.toSeconds()));
        for (Result result : results) {
            table.append(String.format(Locale.ROOT,
                    "| %s | %d | %.1f | %.2f / %.2f | %.2f / %.2f | %.3f / %.3f | %.2f / %.2f |%n",
                    result.database(), result.changes(), result.ratePerSecond(), result.lagP50(), result.lagP99(),
                    result.consumerP50(), result.consumerP99(), result.appendMean(), result.appendP99(),
                    result.patchP50(), result.patchP99()));
        }
        return table.append("""

                - commit → topic: the product service's timer `siren.outbox.lag`, from the event's `occurred_at` \
                (taken in the transaction, just before the commit) to Kafka's acknowledgement of the record.
                - commit → consumer: from the same moment (the record's `ce_time`) to its arrival at a consumer of \
                the benchmark's own.
                - outbox write: the timer `siren.outbox.append`, the event's serialisation and `INSERT` in the \
                change's transaction: what the outbox adds to each change.
                - PATCH: from when the request was due (a steady schedule) to its answer.
                - PostgreSQL runs with `synchronous_commit=on` (a commit waits for its WAL flush); H2 writes each \
                commit to its file (`WRITE_DELAY=0`, as `./siren up` runs it), without fsync.
                """).toString();
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
