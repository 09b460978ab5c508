package io.sirenorder.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.EnumSet;
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
 * network; each choice is remembered under {@code .siren/run/} for the commands that follow.
 */
public final class Launcher {

    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final LocalSystem system;
    private final PrintStream out;
    private final Path workingDir = Path.of("").toAbsolutePath();
    private volatile boolean shuttingDown;

    Launcher(LocalSystem system, PrintStream out) {
        this.system = system;
        this.out = out;
    }

    public static void main(String[] args) {
        Path repoDir = Path.of("").toAbsolutePath();
        Path homeDir = Topology.homeIn(repoDir);
        var builder = LocalSystem.builder().repoDir(repoDir).homeDir(homeDir);
        if (UpChoice.POSTGRES.isMade(List.of(args), homeDir)) {
            builder.postgres();
        }
        if (UpChoice.PUBLIC.isMade(List.of(args), homeDir)) {
            builder.publicGateway();
        }
        var launcher = new Launcher(builder.build(), System.out);
        try {
            launcher.run(List.of(args));
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            // after Ctrl-C, a service stopped while starting is no news
            if (!launcher.shuttingDown) {
                System.err.println("siren: " + e.getMessage());
            }
            System.exit(1);
        }
        System.exit(0);
    }

    /** Remembers the choices this system was made with, for the commands that follow {@code up}. */
    static void rememberChoices(LocalSystem system) {
        UpChoice.POSTGRES.remember(system.homeDir(), system.onPostgres());
        UpChoice.PUBLIC.remember(system.homeDir(), system.publicGateway());
    }

    void run(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("no command; see ./siren help");
        }
        String command = args.getFirst();
        List<String> rest = args.subList(1, args.size());
        for (UpChoice choice : UpChoice.values()) {
            if (!command.equals("up") && rest.contains(choice.switchName())) {
                throw new IllegalArgumentException(choice.switchName() + " goes with up; " + command
                        + " follows the choice that up made");
            }
        }
        if (command.equals("token")) {
            token(rest);
            return;
        }
        List<Service> named = rest.stream().filter(arg -> !UpChoice.isSwitch(arg)).map(Service::named).toList();
        switch (command) {
            case "up" -> up(named.isEmpty() ? system.services() : inStartOrder(partOfSystem(named)));
            // whatever runs, even what belongs to an earlier up on the other database
            case "down" -> stop(none(named, command, List.of(Service.values())));
            case "status" -> status(none(named, command, system.services()));
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
        rememberChoices(system);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutDown(services), "siren-shutdown"));

        out.println("Starting SirenOrder on " + (system.onPostgres() ? "PostgreSQL" : "H2 files")
                + (system.publicGateway() ? ", the gateway open to the network" : "") + ", logs in "
                + shown(system.logDir()));
        startReporting(services);
        out.println();
        new Table(List.of("SERVICE", "PORT", "URL", "PID", "LOG"), services.stream()
                .map(service -> List.of(service.id(), String.valueOf(system.port(service)), system.address(service),
                        pid(service), shown(system.logFile(service))))
                .toList()).printTo(out);
        if (services.contains(Service.GATEWAY)) {
            printExamples(system.baseUrl(Service.GATEWAY));
        }
        out.println();
        out.println("Ctrl-C (or ./siren down in another terminal) stops everything.");
        watch(services);
    }

    private void watch(List<Service> services) {
        Map<Service, Boolean> running = new EnumMap<>(Service.class);
        services.forEach(service -> running.put(service, true));
        while (running.containsValue(true)) {
            Supervisor.pause(WATCH_INTERVAL);
            for (Service service : services) {
                boolean runsNow = system.isRunning(service);
                if (runsNow != running.put(service, runsNow) && !shuttingDown) {
                    out.println(LocalTime.now().format(CLOCK) + "  " + service
                            + (runsNow ? " is running again, pid " + pid(service) : " stopped"));
                }
            }
        }
        if (!shuttingDown) {
            out.println("Nothing is running any more.");
        }
    }

    private void shutDown(List<Service> services) {
        shuttingDown = true;
        List<Service> running = services.reversed().stream().filter(system::isRunning).toList();
        if (!running.isEmpty()) {
            out.println();
            out.println("Stopping SirenOrder");
            running.forEach(this::stopReporting);
        }
    }

    private void status(List<Service> services) {
        new Table(List.of("SERVICE", "STATE", "PID", "PORT", "HEALTH", "URL"), services.stream()
                .map(service -> {
                    boolean running = system.isRunning(service);
                    return List.of(service.id(), running ? "up" : "down", pid(service),
                            String.valueOf(system.port(service)),
                            running ? (system.isHealthy(service) ? "ready" : "not ready") : "-",
                            system.address(service));
                })
                .toList()).printTo(out);
    }

    private void start(List<Service> services) {
        startReporting(services);
        for (Service service : services) {
            out.printf("  %s: %s, pid %s, log %s%n",
                    service, system.address(service), pid(service), shown(system.logFile(service)));
        }
    }

    private void stop(List<Service> services) {
        List<Service> running = services.reversed().stream().filter(system::isRunning).toList();
        if (running.isEmpty()) {
            out.println(services.size() == 1 ? services.getFirst() + " is not running." : "Nothing is running.");
        }
        running.forEach(this::stopReporting);
    }

    /** Follows the services' logs as they grow, each from its last lines, until Ctrl-C. */
    private void followLogs(List<Service> services, int lastLines) {
        List<String> logs = services.stream().map(system::logFile).filter(Files::exists).map(this::shown).toList();
        if (logs.isEmpty()) {
            throw new IllegalStateException((services.size() == 1 ? "no log for " + services.getFirst() : "no logs")
                    + " yet in " + shown(system.logDir()));
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
        services.stream().filter(Service::isHttp).map(service -> shown(system.jar(service))).forEach(out::println);
    }

    private void startReporting(List<Service> services) {
        out.println("  starting " + services.stream().map(Service::id).collect(Collectors.joining(", ")) + " ...");
        try {
            system.start(services, (service, took) -> out.printf(Locale.ROOT, "  %-12s ready in %.1f s%n", service,
                    took.toMillis() / 1e3));
        } catch (RuntimeException e) {
            out.println("  failed");
            throw e;
        }
    }

    private void stopReporting(Service service) {
        out.printf("  %-12s stopping pid %s ... ", service, pid(service));
        out.flush();
        long started = System.nanoTime();
        system.stop(service);
        out.println("stopped in " + secondsSince(started));
    }

    private void printExamples(String gateway) {
        String json = "-H 'Content-Type: application/json'";
        out.println();
        out.println("Try it (the web app: " + gateway + "/, sign in as clerk/clerk, alice/alice, or any new name with "
                + "itself as the password):");
        out.println("  CLERK=$(./siren token clerk); BEA=$(./siren token customer bea)");
        out.println("  curl -s " + gateway + "/products -H \"Authorization: Bearer $CLERK\" " + json
                + " -d '{\"price\":3500,\"status\":\"Available\"}'");
        out.println("  curl -s " + gateway + "/orders -H \"Authorization: Bearer $BEA\" " + json
                + " -d '{\"productId\":1}'");
        out.println("  curl -s " + gateway + "/reports -H \"Authorization: Bearer $CLERK\"");
        out.println("  curl -N \"" + gateway + "/notifications/stream?access_token=$BEA\"");
        out.println("  ./siren status     ./siren stop order     ./siren start order     ./siren logs order");
    }

    private String pid(Service service) {
        return system.process(service).map(process -> String.valueOf(process.pid())).orElse("-");
    }

    /** A path as short as it can be shown: relative when it lies below the working directory. */
    private String shown(Path path) {
        return path.startsWith(workingDir) ? workingDir.relativize(path).toString() : path.toString();
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
