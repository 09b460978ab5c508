package io.sirenorder.local;

import static io.sirenorder.local.Service.AUTH;
import static io.sirenorder.local.Service.GATEWAY;
import static io.sirenorder.local.Service.KAFKA;
import static io.sirenorder.local.Service.NOTIFICATION;
import static io.sirenorder.local.Service.ORDER;
import static io.sirenorder.local.Service.POSTGRES;
import static io.sirenorder.local.Service.PRODUCT;
import static io.sirenorder.local.Service.REPORT;
import static io.sirenorder.local.Service.ZIPKIN;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The local system's wiring, declared once: the port each process listens on and the address it is reached at, whom
 * each service calls, which services keep data and where; and from these, the arguments each process starts with.
 * <p>
 * The data lives under the home directory: {@code data/<service>/} for the H2 databases and {@code kafka/} for their
 * Kafka log, or, on PostgreSQL, {@code postgres/data/} and {@code postgres/kafka/}: a log belongs with the databases
 * it was written from, and replayed into other ones it would corrupt them.
 *
 * @param home          the system's home directory
 * @param onPostgres    whether auth, product, order and report keep their data in PostgreSQL rather than in H2 files
 * @param publicGateway whether the gateway listens on every address of this machine, so that others on the network
 *                      reach it, rather than on the loopback like every other process
 * @param tracing       whether a Zipkin server is part of the system and every application sends it its spans
 * @param replicas      how many instances of each {@link #REPLICATED} service run, each on a port of its own
 * @param services      the services that make up the system, in start order
 * @param ports         the port of every instance, also of the services not in the system
 */
public record Topology(Path home, boolean onPostgres, boolean publicGateway, boolean tracing, int replicas,
                       List<Service> services, Map<Instance, Integer> ports) {

    /** The address every process of the local system is reached at: this machine's loopback. */
    public static final String HOST = "127.0.0.1";

    /** Where the gateway listens with {@link #publicGateway}: every address of this machine. */
    private static final String EVERY_ADDRESS = "0.0.0.0";

    /** The ports {@code ./siren up} uses; tests and benchmarks take free ones, so that they run beside it. */
    private static final Map<Service, Integer> USUAL_PORTS = Map.of(POSTGRES, 5432, KAFKA, 9092, ZIPKIN, 9411,
            AUTH, 8085, PRODUCT, 8082, ORDER, 8081, REPORT, 8083, NOTIFICATION, 8084, GATEWAY, 8080);

    /**
     * The services that may run several times side by side. Auth runs once: locally it signs with a key made at each
     * start, so a second auth would sign tokens the services cannot check. The gateway runs once: it is the address
     * users know (on Kubernetes, its replicas share a Service and an Ingress instead).
     */
    static final List<Service> REPLICATED = List.of(PRODUCT, ORDER, REPORT, NOTIFICATION);

    /**
     * How long an instance of a replicated service keeps serving after its readiness went down, before it stops
     * taking requests: long enough for the gateway's and order's health checks to stop sending it any, as
     * Kubernetes' preStop sleep gives its endpoints time to forget a pod.
     */
    static final String DRAIN = "3s";

    /**
     * The services that keep data, each in a database named after it (auth its users); notification keeps recent
     * events in memory.
     */
    private static final List<Service> KEEPING_DATA = List.of(AUTH, PRODUCT, ORDER, REPORT);

    /** A service calling another over HTTP, told where by a property. */
    private record Call(Service caller, String property, Service callee) {
    }

    /** Order checks every order with product, the authority on price and status; the gateway fronts them all. */
    private static final List<Call> CALLS = List.of(
            new Call(ORDER, "siren.catalogue.url", PRODUCT),
            new Call(GATEWAY, "siren.services.product", PRODUCT),
            new Call(GATEWAY, "siren.services.order", ORDER),
            new Call(GATEWAY, "siren.services.report", REPORT),
            new Call(GATEWAY, "siren.services.notification", NOTIFICATION),
            new Call(GATEWAY, "siren.services.auth", AUTH));

    /**
     * The services that serve only requests carrying a token from auth (every one but auth): each checks a token's
     * signature against auth's published keys and that it names the issuer.
     */
    private static final List<Service> CHECKING_TOKENS = List.of(PRODUCT, ORDER, REPORT, NOTIFICATION, GATEWAY);

    /**
     * The issuer every token names: browsers reach auth through the gateway (its login page, on the web app's
     * origin), the services and the launcher reach it directly, and all must agree on one issuer.
     */
    private static final Service ISSUER = GATEWAY;

    /** The web app's page that takes the code back after signing in, on the gateway. */
    private static final String SIGNED_IN_PAGE = "/signed-in.html";

    public Topology {
        if (replicas < 1) {
            throw new IllegalArgumentException("at least one instance of each service, not " + replicas);
        }
        if (replicas > 1 && !onPostgres) {
            throw new IllegalArgumentException("several instances of a service share its database, which H2 files "
                    + "cannot; replicas run on PostgreSQL");
        }
        services = List.copyOf(services);
        ports = Map.copyOf(ports);
    }

    /** {@code ./siren}'s home: in the repository, so that every terminal sees the same system. */
    static Path homeIn(Path repoDir) {
        return repoDir.resolve(".siren");
    }

    /** Every service, with PostgreSQL only when the others keep their data in it, Zipkin only when they are traced. */
    static List<Service> everyService(boolean onPostgres, boolean tracing) {
        return Arrays.stream(Service.values())
                .filter(service -> (onPostgres || service != POSTGRES) && (tracing || service != ZIPKIN))
                .toList();
    }

    /**
     * A port for every instance: for a service's first, the one chosen for it, else its usual one or, with
     * {@code freePorts}, one that is free right now; the other instances of a {@link #REPLICATED} service count on
     * from its usual port in tens (product 8082, 8092, 8102, ...), or take free ones too. Two on one port are refused.
     */
    static Map<Instance, Integer> assignPorts(Map<Service, Integer> chosen, boolean freePorts, int replicas) {
        List<Instance> unchosen = Arrays.stream(Service.values())
                .flatMap(service -> instancesOf(service, replicas).stream())
                .filter(instance -> instance.number() > 1 || !chosen.containsKey(instance.service()))
                .toList();
        List<Integer> unchosenPorts = freePorts
                ? Ports.freePorts(unchosen.size())
                : unchosen.stream().map(instance -> USUAL_PORTS.get(instance.service()) + 10 * (instance.number() - 1))
                        .toList();
        Map<Instance, Integer> ports = new HashMap<>();
        chosen.forEach((service, port) -> ports.put(Instance.first(service), port));
        for (int i = 0; i < unchosen.size(); i++) {
            ports.put(unchosen.get(i), unchosenPorts.get(i));
        }
        if (ports.values().stream().distinct().count() < ports.size()) {
            throw new IllegalArgumentException("two processes on one port: " + ports);
        }
        return ports;
    }

    /** The instances of a service, in order: {@code replicas} of a {@link #REPLICATED} one, else one. */
    public List<Instance> instances(Service service) {
        return instancesOf(service, replicas);
    }

    private static List<Instance> instancesOf(Service service, int replicas) {
        int count = REPLICATED.contains(service) ? replicas : 1;
        return IntStream.rangeClosed(1, count).mapToObj(number -> new Instance(service, number)).toList();
    }

    /** The port of a service's first instance: the only one, without replicas. */
    public int port(Service service) {
        return port(Instance.first(service));
    }

    public int port(Instance instance) {
        return ports.get(instance);
    }

    /** The issuer every token names, {@code http://127.0.0.1:<gateway's port>}. */
    public String issuer() {
        return baseUrl(ISSUER);
    }

    /** {@code http://127.0.0.1:<port>} of an HTTP service's first instance. */
    public String baseUrl(Service service) {
        return baseUrl(Instance.first(service));
    }

    /** {@code http://127.0.0.1:<port>} of an instance of an HTTP service. */
    public String baseUrl(Instance instance) {
        if (!instance.service().hasBaseUrl()) {
            throw new IllegalArgumentException(
                    instance + " does not speak HTTP; use kafkaBootstrapServers() or postgresUrl()");
        }
        return "http://" + HOST + ":" + port(instance);
    }

    /** The base URLs of every instance of a service, separated by commas, as the services that call it take them. */
    private String baseUrls(Service service) {
        return instances(service).stream().map(this::baseUrl).collect(Collectors.joining(","));
    }

    /** The {@code bootstrap.servers} of the local Kafka broker. */
    public String kafkaBootstrapServers() {
        return HOST + ":" + port(KAFKA);
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>}, the local PostgreSQL server; a database's URL adds its name. */
    public String postgresUrl() {
        return "jdbc:postgresql://" + HOST + ":" + port(POSTGRES);
    }

    /** Where a service's first instance is reached: its URL, Kafka's bootstrap servers or PostgreSQL's JDBC URL. */
    public String address(Service service) {
        return address(Instance.first(service));
    }

    /** Where an instance is reached: its URL, Kafka's bootstrap servers or PostgreSQL's JDBC URL. */
    public String address(Instance instance) {
        return switch (instance.service()) {
            case POSTGRES -> postgresUrl();
            case KAFKA -> kafkaBootstrapServers();
            default -> baseUrl(instance);
        };
    }

    Path postgresDataDir() {
        return home.resolve("postgres").resolve("data");
    }

    private Path kafkaDataDir() {
        return onPostgres ? home.resolve("postgres").resolve("kafka") : home.resolve("kafka");
    }

    /** The agreed configuration of each process; for the services standard Spring properties, so env vars work too. */
    List<String> arguments(Service service) {
        return arguments(Instance.first(service));
    }

    List<String> arguments(Instance instance) {
        Service service = instance.service();
        return switch (service) {
            case POSTGRES -> List.of("--port", String.valueOf(port(POSTGRES)),
                    "--data-dir", postgresDataDir().toString(),
                    "--databases", KEEPING_DATA.stream().map(Service::id).collect(Collectors.joining(",")));
            case KAFKA -> List.of("--port", String.valueOf(port(KAFKA)), "--data-dir", kafkaDataDir().toString());
            case ZIPKIN -> LocalZipkin.arguments(port(ZIPKIN));
            default -> Stream.of(springBoot(instance), database(service), addresses(service),
                            tracing ? LocalZipkin.exportArguments(baseUrl(ZIPKIN)) : List.<String>of())
                    .flatMap(List::stream)
                    .toList();
        };
    }

    /**
     * The {@code local} profile marks a system run on one machine: it switches on demonstrations such as faults, and
     * auth's local users. Every service listens on this machine's loopback only, so nobody on the network reaches
     * the shop: a laptop's shop is its owner's. With {@link #publicGateway} the gateway opens to the network, and it
     * stays the one door: nobody can go round it, nor reach product's fault injection.
     */
    private List<String> springBoot(Instance instance) {
        String address = instance.service() == GATEWAY && publicGateway ? EVERY_ADDRESS : HOST;
        return List.of("--server.port=" + port(instance), "--server.address=" + address,
                "--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers(), "--spring.profiles.active=local");
    }

    private List<String> database(Service service) {
        if (!KEEPING_DATA.contains(service)) {
            return List.of();
        }
        if (onPostgres) {
            return List.of("--spring.datasource.url=" + postgresUrl() + "/" + service.id(),
                    "--spring.datasource.username=" + LocalPostgres.USER,
                    "--spring.datasource.password=" + LocalPostgres.PASSWORD);
        }
        // WRITE_DELAY=0: a commit reaches the file at once, so a killed service keeps what it answered 2xx for.
        // CACHE_SIZE (KB): a quarter of H2's default; at rush hour the default's churn filled order's heap with dead
        // cache entries, and the pages in use still fit
        return List.of("--spring.datasource.url=jdbc:h2:file:" + home.resolve("data").resolve(service.id())
                .resolve("db") + ";WRITE_DELAY=0;CACHE_SIZE=4096");
    }

    /**
     * The arguments that tell {@code service} where the others are, which it needs to start at all: where the keys
     * of the tokens it checks are and the issuer they name; for auth, that issuer and where the web app takes the
     * code back (on the gateway, which a browser may also know as localhost); the services it calls, every instance
     * of each; and, when it runs beside instances of itself, how long it drains before stopping.
     */
    List<String> addresses(Service service) {
        List<String> arguments = new ArrayList<>();
        if (CHECKING_TOKENS.contains(service)) {
            arguments.add("--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer());
            arguments.add("--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + baseUrl(AUTH) + "/oauth2/jwks");
        }
        if (service == AUTH) {
            arguments.add("--spring.security.oauth2.authorizationserver.issuer=" + issuer());
            arguments.add("--spring.security.oauth2.authorizationserver.client.siren-web.registration.redirect-uris="
                    + baseUrl(GATEWAY) + SIGNED_IN_PAGE + ",http://localhost:" + port(GATEWAY) + SIGNED_IN_PAGE);
        }
        CALLS.stream()
                .filter(call -> call.caller() == service)
                .map(call -> "--" + call.property() + "=" + baseUrls(call.callee()))
                .forEach(arguments::add);
        if (instances(service).size() > 1) {
            arguments.add("--siren.shutdown.drain=" + DRAIN);
        }
        return arguments;
    }
}
