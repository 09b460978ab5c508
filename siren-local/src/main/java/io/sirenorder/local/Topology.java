package io.sirenorder.local;

import static io.sirenorder.local.Service.GATEWAY;
import static io.sirenorder.local.Service.KAFKA;
import static io.sirenorder.local.Service.NOTIFICATION;
import static io.sirenorder.local.Service.ORDER;
import static io.sirenorder.local.Service.POSTGRES;
import static io.sirenorder.local.Service.PRODUCT;
import static io.sirenorder.local.Service.REPORT;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The local system's wiring, declared once: the port each process listens on and the address it is reached at, whom
 * each service calls, which services keep data and where; and from these, the arguments each process starts with.
 * <p>
 * The data lives under the home directory: {@code data/<service>/} for the H2 databases and {@code kafka/} for their
 * Kafka log, or, on PostgreSQL, {@code postgres/data/} and {@code postgres/kafka/}: a log belongs with the databases
 * it was written from, and replayed into other ones it would corrupt them.
 *
 * @param home       the system's home directory
 * @param onPostgres whether product, order and report keep their data in PostgreSQL rather than in H2 files
 * @param services   the services that make up the system, in start order
 * @param ports      the port of every service, also of those not in the system
 */
public record Topology(Path home, boolean onPostgres, List<Service> services, Map<Service, Integer> ports) {

    /** The address every process of the local system is reached at: this machine's loopback. */
    public static final String HOST = "127.0.0.1";

    /** The ports {@code ./siren up} uses; tests and benchmarks take free ones, so that they run beside it. */
    private static final Map<Service, Integer> USUAL_PORTS = Map.of(POSTGRES, 5432, KAFKA, 9092,
            PRODUCT, 8082, ORDER, 8081, REPORT, 8083, NOTIFICATION, 8084, GATEWAY, 8080);

    /** The services that keep data, each in a database named after it; notification keeps recent events in memory. */
    private static final List<Service> KEEPING_DATA = List.of(PRODUCT, ORDER, REPORT);

    /** A service calling another over HTTP, told where by a property. */
    private record Call(Service caller, String property, Service callee) {
    }

    /** Order checks every order with product, the authority on price and status; the gateway fronts them all. */
    private static final List<Call> CALLS = List.of(
            new Call(ORDER, "siren.catalogue.url", PRODUCT),
            new Call(GATEWAY, "siren.services.product", PRODUCT),
            new Call(GATEWAY, "siren.services.order", ORDER),
            new Call(GATEWAY, "siren.services.report", REPORT),
            new Call(GATEWAY, "siren.services.notification", NOTIFICATION));

    public Topology {
        services = List.copyOf(services);
        ports = Map.copyOf(ports);
    }

    /** {@code ./siren}'s home: in the repository, so that every terminal sees the same system. */
    static Path homeIn(Path repoDir) {
        return repoDir.resolve(".siren");
    }

    /** Every service, with PostgreSQL only when the others keep their data in it. */
    static List<Service> everyService(boolean onPostgres) {
        return Arrays.stream(Service.values()).filter(service -> onPostgres || service != POSTGRES).toList();
    }

    /**
     * A port for every service: the one chosen for it, else its usual one or, with {@code freePorts}, one that is
     * free right now. Two services on one port are refused.
     */
    static Map<Service, Integer> assignPorts(Map<Service, Integer> chosen, boolean freePorts) {
        List<Service> unchosen = Arrays.stream(Service.values()).filter(service -> !chosen.containsKey(service))
                .toList();
        List<Integer> unchosenPorts = freePorts
                ? Ports.freePorts(unchosen.size())
                : unchosen.stream().map(USUAL_PORTS::get).toList();
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        ports.putAll(chosen);
        for (int i = 0; i < unchosen.size(); i++) {
            ports.put(unchosen.get(i), unchosenPorts.get(i));
        }
        if (ports.values().stream().distinct().count() < ports.size()) {
            throw new IllegalArgumentException("two services on one port: " + ports);
        }
        return ports;
    }

    public int port(Service service) {
        return ports.get(service);
    }

    /** {@code http://127.0.0.1:<port>} of an HTTP service. */
    public String baseUrl(Service service) {
        if (!service.isHttp()) {
            throw new IllegalArgumentException(
                    service + " does not speak HTTP; use kafkaBootstrapServers() or postgresUrl()");
        }
        return "http://" + HOST + ":" + port(service);
    }

    /** The {@code bootstrap.servers} of the local Kafka broker. */
    public String kafkaBootstrapServers() {
        return HOST + ":" + port(KAFKA);
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>}, the local PostgreSQL server; a database's URL adds its name. */
    public String postgresUrl() {
        return "jdbc:postgresql://" + HOST + ":" + port(POSTGRES);
    }

    /** Where a service is reached: its URL, Kafka's bootstrap servers or PostgreSQL's JDBC URL. */
    public String address(Service service) {
        return switch (service) {
            case POSTGRES -> postgresUrl();
            case KAFKA -> kafkaBootstrapServers();
            default -> baseUrl(service);
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
        return switch (service) {
            case POSTGRES -> List.of("--port", String.valueOf(port(POSTGRES)),
                    "--data-dir", postgresDataDir().toString(),
                    "--databases", KEEPING_DATA.stream().map(Service::id).collect(Collectors.joining(",")));
            case KAFKA -> List.of("--port", String.valueOf(port(KAFKA)), "--data-dir", kafkaDataDir().toString());
            default -> Stream.of(springBoot(service), database(service), callees(service))
                    .flatMap(List::stream)
                    .toList();
        };
    }

    /**
     * The {@code local} profile marks a system run on one machine: it switches on demonstrations such as faults.
     * Every service but the gateway listens on this machine's loopback only: the gateway is the one door, so nobody
     * on the network can go round it, nor reach product's fault injection.
     */
    private List<String> springBoot(Service service) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=" + port(service),
                "--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers(), "--spring.profiles.active=local"));
        if (service != GATEWAY) {
            arguments.add("--server.address=" + HOST);
        }
        return arguments;
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

    /** The arguments that tell {@code service} where the services it calls are. */
    List<String> callees(Service service) {
        return CALLS.stream()
                .filter(call -> call.caller() == service)
                .map(call -> "--" + call.property() + "=" + baseUrl(call.callee()))
                .toList();
    }
}
