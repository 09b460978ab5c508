package io.sirenorder.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** What the launcher shows of the system: where each instance is, whether it is ready, and how to try it all. */
final class Overview {

    private final LocalSystem system;
    private final PrintStream out;
    private final Path workingDir = Path.of("").toAbsolutePath();

    Overview(LocalSystem system, PrintStream out) {
        this.system = system;
        this.out = out;
    }

    /** Where every instance of these services listens and logs. */
    void printWhere(List<Service> services) {
        printTable(services, List.of("SERVICE", "PORT", "URL", "PID", "LOG"), instance -> List.of(instance.id(),
                String.valueOf(system.port(instance)), system.address(instance), pid(instance),
                shown(system.logFile(instance))));
    }

    /** Whether every instance of these services runs and is ready. */
    void printStatus(List<Service> services) {
        printTable(services, List.of("SERVICE", "STATE", "PID", "PORT", "HEALTH", "URL"), instance -> {
            boolean running = system.process(instance).isPresent();
            return List.of(instance.id(), running ? "up" : "down", pid(instance), String.valueOf(system.port(instance)),
                    running ? (system.isHealthy(instance) ? "ready" : "not ready") : "-", system.address(instance));
        });
    }

    void printExamples(String gateway) {
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
        if (system.replicas() > 1) {
            out.println("  ./siren roll all   (restarts every instance, one at a time: a rolling update)");
        }
    }

    /**
     * Where the traces are, with Zipkin running: its UI lists the latest, or finds one by its id, which a log line
     * written while serving a request names ({@code [<trace id>-<span id>]}).
     */
    void printTraces() {
        out.println();
        out.println("Traces, in Zipkin: " + system.baseUrl(Service.ZIPKIN) + LocalZipkin.UI_PATH
                + " (RUN QUERY lists the latest; a trace id, as a log line names it, goes in its search box)");
    }

    String pid(Instance instance) {
        return system.process(instance).map(process -> String.valueOf(process.pid())).orElse("-");
    }

    /** A path as short as it can be shown: relative when it lies below the working directory. */
    String shown(Path path) {
        return path.startsWith(workingDir) ? workingDir.relativize(path).toString() : path.toString();
    }

    private void printTable(List<Service> services, List<String> header, Function<Instance, List<String>> row) {
        new Table(header, services.stream()
                .flatMap(service -> system.instances(service).stream())
                .map(row)
                .toList()).printTo(out);
    }
}
