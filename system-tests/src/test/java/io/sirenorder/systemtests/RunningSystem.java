package io.sirenorder.systemtests;

import static org.awaitility.Awaitility.await;

import io.sirenorder.bench.Customers;
import io.sirenorder.local.LocalSystem;
import io.sirenorder.local.LocalSystemBuilder;
import io.sirenorder.local.Service;
import io.sirenorder.local.SignIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole system for one test class, started as {@code ./siren up} starts it, but on free ports and under a
 * temporary home, so the tests run beside a real {@code ./siren up}; stopped, and its home removed, afterwards
 * (kept, its logs to be read, with {@code -Dsiren.keep.home=true}).
 */
final class RunningSystem implements BeforeAllCallback, AfterAllCallback {

    /** Customers taking turns in a load: more than one, so that no one customer's rate limit is what is measured. */
    private static final int LOAD_CUSTOMERS = 20;
    /** Of each topic, as the services create them (siren.messaging.partitions). */
    private static final int TOPIC_PARTITIONS = 3;

    private final UnaryOperator<LocalSystemBuilder> configuration;
    private Path home;
    private final Map<String, String> customersTokens = new ConcurrentHashMap<>();
    private LocalSystem system;
    private HttpClient client;
    private String clerksToken;
    private Customers loadCustomers;

    private RunningSystem(UnaryOperator<LocalSystemBuilder> configuration) {
        this.configuration = configuration;
    }

    static RunningSystem onH2() {
        return new RunningSystem(UnaryOperator.identity());
    }

    /** The system on H2 files, configured further: fewer services, other arguments for one of them, ... */
    static RunningSystem onH2(UnaryOperator<LocalSystemBuilder> configuration) {
        return new RunningSystem(configuration);
    }

    static RunningSystem onPostgres() {
        return new RunningSystem(LocalSystemBuilder::postgres);
    }

    /** The system on PostgreSQL with {@code replicas} instances of product, order, report and notification. */
    static RunningSystem withReplicas(int replicas) {
        return new RunningSystem(builder -> builder.postgres().replicas(replicas));
    }

    /**
     * The system on H2 files with a Zipkin server, to which every application sends its spans: {@link #zipkinUrl()}.
     * A request sent with a {@code traceparent} header of its own is traced under that trace id. Spans reach Zipkin
     * asynchronously, each application sending what it has every second or so, so a test waits for a trace to be
     * complete.
     */
    static RunningSystem withTracing() {
        return new RunningSystem(LocalSystemBuilder::tracing);
    }

    /** With tracing, configured further, e.g. {@code builder -> builder.postgres().replicas(2)}. */
    static RunningSystem withTracing(UnaryOperator<LocalSystemBuilder> configuration) {
        return new RunningSystem(builder -> configuration.apply(builder.tracing()));
    }

    LocalSystem local() {
        return system;
    }

    /**
     * The base URL of the system's Zipkin, {@code http://127.0.0.1:<port>}: its API is under {@code /api/v2}, e.g.
     * {@code GET /api/v2/trace/{traceId}} (404 until a span of the trace has arrived) or {@code GET /api/v2/services}.
     */
    String zipkinUrl() {
        if (!system.tracing()) {
            throw new IllegalStateException("this system runs without Zipkin; RunningSystem.withTracing() has one");
        }
        return system.baseUrl(Service.ZIPKIN);
    }

    /**
     * Notification pushes what it consumes from the moment Kafka assigns it the topics' partitions, a few seconds
     * after it is ready; an event published before that is never pushed live. Waits until it has every partition of
     * both topics.
     */
    void awaitNotificationListening() {
        String assigned = system.baseUrl(Service.NOTIFICATION)
                + "/actuator/metrics/kafka.consumer.coordinator.assigned.partitions";
        // a fresh consumer group on a cold system of seven JVMs: once missed in 30 s on the 2-core machine
        await().atMost(Duration.ofSeconds(60)).until(() -> http().find(assigned)
                .map(metric -> metric.get("measurements").get(0).get("value").asInt() >= 2 * TOPIC_PARTITIONS)
                .orElse(false));
    }

    /** Someone who has not signed in. */
    JsonHttp http() {
        return new JsonHttp(client, null);
    }

    /** The local clerk, signed in at the system's auth service. */
    JsonHttp clerk() {
        if (clerksToken == null) {
            clerksToken = accessToken("clerk", "clerk");
        }
        return new JsonHttp(client, clerksToken);
    }

    /** The customer {@code name}, signed in at the system's auth service (locally, made at the first sign-in). */
    JsonHttp customer(String name) {
        return new JsonHttp(client, customerToken(name));
    }

    /** The access token of the customer {@code name}. */
    String customerToken(String name) {
        return customersTokens.computeIfAbsent(name, customer -> accessToken(customer, customer));
    }

    /** Customers signed in for a load with wrk: their tokens, for orders.lua's arguments. */
    Customers loadCustomers() {
        if (loadCustomers == null) {
            loadCustomers = Customers.signIn(system.baseUrl(Service.AUTH), LOAD_CUSTOMERS);
        }
        return loadCustomers;
    }

    private String accessToken(String user, String password) {
        try (SignIn signIn = new SignIn(system.baseUrl(Service.AUTH))) {
            return signIn.accessToken(user, password);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        home = Files.createTempDirectory("siren-" + context.getRequiredTestClass().getSimpleName());
        system = configuration.apply(LocalSystem.builder()
                        .repoDir(Path.of(System.getProperty("siren.repo.dir", "..")))
                        .homeDir(home)
                        .freePorts())
                .build();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        system.startAll();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (system != null) {
                system.close();
            }
            if (client != null) {
                client.close();
            }
            if (loadCustomers != null) {
                loadCustomers.close();
            }
        } finally {
            if (Boolean.getBoolean("siren.keep.home")) {
                System.out.printf("%s: the system's logs and data are kept in %s%n",
                        context.getRequiredTestClass().getSimpleName(), home);
            } else {
                deleteHome();
            }
        }
    }

    private void deleteHome() {
        try (Stream<Path> files = Files.walk(home)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + home, e);
        }
    }
}
