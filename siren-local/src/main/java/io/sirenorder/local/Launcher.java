package io.sirenorder.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Java side of {@code ./siren}: {@code up}, {@code down}, {@code status}, {@code start}, {@code stop},
 * {@code logs}, {@code token}, and {@code prepare} after a build ({@code help} and {@code test} live in the script).
 * Runs in the repository root, with the runtime files under {@code .siren/}, so every terminal sees the same system.
 * {@code up --postgres} runs it on PostgreSQL instead of H2 files, {@code up --public} opens the gateway to the
 * network, {@code up --replicas N} runs N instances of product, order, report and notification (on PostgreSQL, which
 * they share), which {@code roll} restarts one at a time, {@code up --tracing} runs Zipkin too, and every application
 * sends it its spans; each choice is remembered under {@code .siren/run/} for the commands that follow.
 */
public final class Launcher {

    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final LocalSystem system;
    private final PrintStream out;
    private final Overview overview;
    private volatile boolean shuttingDown;

    Launcher(LocalSystem system, PrintStream out) {
        this.system = system;
        this.out = out;
        this.overview = new Overview(system, out);
    }

    public static void main(String[] args) {
        Launcher launcher = null;
        try {
            launcher = new Launcher(UpChoice.systemFor(List.of(args), Path.of("").toAbsolutePath(), System.out),
                    System.out);
            launcher.run(List.of(args));
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            // after Ctrl-C, a service stopped while starting is no news
            if (launcher == null || !launcher.shuttingDown) {
                System.err.println("siren: " + e.getMessage());
            }
            System.exit(1);
        }
        System.exit(0);
    }

    void run(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("no command; see ./siren help");
        }
        String command = args.getFirst();
        List<String> rest = ReplicaChoice.withoutSwitch(args.subList(1, args.size()));
        Stream.concat(Arrays.stream(UpChoice.values()).map(UpChoice::switchName), Stream.of(ReplicaChoice.SWITCH))
                .filter(choice -> !command.equals("up") && args.contains(choice))
                .findFirst()
                .ifPresent(choice -> {
                    throw new IllegalArgumentException(choice + " goes with up; " + command
                            + " follows the choice that up made");
                });
        if (command.equals("token")) {
            token(rest);
            return;
        }
        if (command.equals("roll")) {
            roll(rest.equals(List.of("all")) ? replicated() : partOfSystem(required(rest.stream()
                    .map(Service::named).toList(), command)));
            return;
        }
        List<Service> named = rest.stream().filter(arg -> !UpChoice.isSwitch(arg)).map(Service::named).toList();
        switch (command) {
            case "up" -> up(named.isEmpty() ? system.services() : inStartOrder(partOfSystem(named)));
            // whatever runs, even what belongs to an earlier up on the other database
            case "down" -> stop(none(named, command, List.of(Service.values())));
            case "status" -> overview.printStatus(none(named, command, system.services()));
            case "start" -> start(inStartOrder(partOfSystem(required(named, command))));
            case "stop" -> stop(inStartOrder(partOfSystem(required(named, command))));
            // any log there is, also one of an earlier up on the other database
            case "logs" -> followLogs(named.isEmpty() ? List.of(Service.values()) : named, named.isEmpty() ? 20 : 100);
            case "prepare" -> prepare(none(named, command, system.services()));
            default -> throw new IllegalArgumentException("unknown command '" + command + "'; see ./siren help");
        }
    }

    /**
     * Starts the services, shows where they are, then stays in the foreground reporting services that stop or come
     * back, until none is left (after {@code ./siren down}) or Ctrl-C stops them all.
     */
    private void up(List<Service> services) {
        system.checkCanStart(services);
        UpChoice.rememberAll(system);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutDown(services), "siren-shutdown"));

        out.println("Starting SirenOrder on " + (system.onPostgres() ? "PostgreSQL" : "H2 files")
                + (system.publicGateway() ? ", the gateway open to the network" : "")
                + (system.replicas() > 1 ? ", " + system.replicas() + " instances of each replicated service" : "")
                + (system.tracing() ? ", traced (Zipkin)" : "")
                + ", logs in " + overview.shown(system.logDir()));
        startReporting(services);
        out.println();
        overview.printWhere(services);
        if (services.contains(Service.GATEWAY)) {
            overview.printExamples(system.baseUrl(Service.GATEWAY));
        }
        if (services.contains(Service.ZIPKIN)) {
            overview.printTraces();
        }
        out.println();
        out.println("Ctrl-C (or ./siren down in another terminal) stops everything.");
        watch(services);
    }

    private void watch(List<Service> services) {
        Map<Instance, Boolean> running = new LinkedHashMap<>();
        instancesOf(services).forEach(instance -> running.put(instance, true));
        while (running.containsValue(true)) {
            Supervisor.pause(WATCH_INTERVAL);
            for (Instance instance : running.keySet()) {
                boolean runsNow = system.process(instance).isPresent();
                if (runsNow != running.put(instance, runsNow) && !shuttingDown) {
                    out.println(LocalTime.now().format(CLOCK) + "  " + instance
                            + (runsNow ? " is running again, pid " + overview.pid(instance) : " stopped"));
                }
            }
        }
        if (!shuttingDown) {
            out.println("Nothing is running any more.");
        }
    }

    private void shutDown(List<Service> services) {
        shuttingDown = true;
        List<Instance> running = runningInStopOrder(services);
        if (!running.isEmpty()) {
            out.println();
            out.println("Stopping SirenOrder");
            running.forEach(this::stopReporting);
        }
    }

    private void start(List<Service> services) {
        startReporting(services);
        for (Instance instance : instancesOf(services)) {
            out.printf("  %s: %s, pid %s, log %s%n", instance, system.address(instance), overview.pid(instance),
                    overview.shown(system.logFile(instance)));
        }
    }

    /**
     * A rolling update: each service's instances restarted one at a time, from its image made again if it was
     * rebuilt, each ready before the next stops; with several instances, the others serve meanwhile.
     */
    private void roll(List<Service> services) {
        for (Service service : services) {
            out.println("  rolling " + service + " (" + system.instances(service).size() + " instances) ...");
            system.roll(service, (instance, took) -> out.printf(Locale.ROOT, "  %-15s restarted, ready in %.1f s%n",
                    instance, took.toMillis() / 1e3));
        }
    }

    private void stop(List<Service> services) {
        List<Instance> running = runningInStopOrder(services);
        if (running.isEmpty()) {
            out.println(services.size() == 1 ? services.getFirst() + " is not running." : "Nothing is running.");
        }
        running.forEach(this::stopReporting);
    }

    /** Follows the services' logs as they grow, each from its last lines, until Ctrl-C. */
    private void followLogs(List<Service> services, int lastLines) {
        List<String> logs = instancesOf(services).stream().map(system::logFile).filter(Files::exists)
                .map(overview::shown).toList();
        if (logs.isEmpty()) {
            throw new IllegalStateException((services.size() == 1 ? "no log for " + services.getFirst() : "no logs")
                    + " yet in " + overview.shown(system.logDir()));
        }
        List<String> tail = Stream.concat(Stream.of("tail", "-n", String.valueOf(lastLines), "-F"), logs.stream())
                .toList();
        try {
            new ProcessBuilder(tail).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot follow the logs with tail", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Prints an access token of a local user, alone on its line (the last), for {@code http -A bearer -a $(./siren
     * token clerk) ...}: {@code clerk} signs in as the local clerk, {@code customer <name>} as that customer, with
     * their name as password (auth makes them at their first sign-in). Auth must be running.
     */
    private void token(List<String> args) {
        LocalUser user = LocalUser.of(args);
        try (SignIn signIn = new SignIn(system.baseUrl(Service.AUTH))) {
            out.println(signIn.accessToken(user.name(), user.password()));
        }
    }

    /**
     * After a build: makes each service's image, so that the first up starts as fast as every other, and names the
     * jars they were made from, one a line, for {@code ./siren}, which builds again when one of them is missing.
     */
    private void prepare(List<Service> services) {
        system.prepare(services);
        // Zipkin's jar whatever the last up chose, so that ./siren builds again when it is missing, before an up
        // --tracing needs it
        Stream.concat(services.stream().filter(Service::isHttp), Stream.of(Service.ZIPKIN))
                .map(service -> overview.shown(system.jar(service))).forEach(out::println);
    }

    private void startReporting(List<Service> services) {
        out.println("  starting " + services.stream().map(Service::id).collect(Collectors.joining(", ")) + " ...");
        try {
            system.start(services, (instance, took) -> out.printf(Locale.ROOT, "  %-15s ready in %.1f s%n",
                    instance, took.toMillis() / 1e3));
        } catch (RuntimeException e) {
            out.println("  failed");
            throw e;
        }
    }

    private void stopReporting(Instance instance) {
        out.printf("  %-15s stopping pid %s ... ", instance, overview.pid(instance));
        out.flush();
        long started = System.nanoTime();
        system.stop(instance);
        out.println("stopped in " + secondsSince(started));
    }

    private List<Instance> instancesOf(List<Service> services) {
        return services.stream().flatMap(service -> system.instances(service).stream()).toList();
    }

    private List<Instance> runningInStopOrder(List<Service> services) {
        return instancesOf(services).reversed().stream().filter(instance -> system.process(instance).isPresent())
                .toList();
    }

    /** The services of this system that run as several instances when asked to: what {@code roll all} rolls. */
    private List<Service> replicated() {
        return system.services().stream().filter(Topology.REPLICATED::contains).toList();
    }

    /** The services a command that takes no service names is about. */
    private static List<Service> none(List<Service> named, String command, List<Service> all) {
        if (!named.isEmpty()) {
            throw new IllegalArgumentException(command + " takes no service names; see ./siren help");
        }
        return all;
    }

    private List<Service> required(List<Service> services, String command) {
        if (services.isEmpty()) {
            throw new IllegalArgumentException(command + " needs a service: one of "
                    + system.services().stream().map(Service::id).collect(Collectors.joining(", ")));
        }
        return services;
    }

    private List<Service> partOfSystem(List<Service> services) {
        for (Service service : services) {
            if (!system.services().contains(service)) {
                throw new IllegalArgumentException(service == Service.POSTGRES
                        ? "postgres is not part of this system, which runs on H2 files; ./siren up --postgres runs it"
                        : service + " is not part of this system");
            }
        }
        return services;
    }

    private static List<Service> inStartOrder(List<Service> services) {
        return List.copyOf(EnumSet.copyOf(services));
    }

    private static String secondsSince(long nanoTime) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - nanoTime) / 1e9);
    }
}
