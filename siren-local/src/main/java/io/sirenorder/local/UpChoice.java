package io.sirenorder.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A choice {@code up} makes with a switch, which the commands that follow, maybe typed in another terminal, follow
 * too: {@code ./siren start gateway} after {@code ./siren up --public} opens it to the network again.
 */
enum UpChoice {

    /** Keep the data in PostgreSQL rather than in H2 files ({@code .siren/run/database}). */
    POSTGRES("--postgres", "database", "postgres", "h2"),
    /**
     * The gateway listens on every address rather than on the loopback ({@code .siren/run/network}; {@code
     * run/gateway} is the gateway's run directory).
     */
    PUBLIC("--public", "network", "public", "loopback"),
    /** A Zipkin server runs too, and every application sends it its spans ({@code .siren/run/tracing}). */
    TRACING("--tracing", "tracing", "zipkin", "off");

    private final String switchName;
    private final String file;
    private final String made;
    private final String notMade;

    UpChoice(String switchName, String file, String made, String notMade) {
        this.switchName = switchName;
        this.file = file;
        this.made = made;
        this.notMade = notMade;
    }

    String switchName() {
        return switchName;
    }

    /** Whether a command is for a system with this choice: {@code up} says so; the others follow the last up. */
    boolean isMade(List<String> args, Path homeDir) {
        if (!args.isEmpty() && args.getFirst().equals("up")) {
            return args.contains(switchName);
        }
        Path choice = file(homeDir);
        try {
            return Files.exists(choice) && Files.readString(choice).strip().equals(made);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + choice, e);
        }
    }

    void remember(Path homeDir, boolean isMade) {
        Path choice = file(homeDir);
        try {
            Files.createDirectories(choice.getParent());
            Files.writeString(choice, (isMade ? made : notMade) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + choice, e);
        }
    }

    private Path file(Path homeDir) {
        return homeDir.resolve("run").resolve(file);
    }

    /**
     * The system a command is about, as {@code up}'s switches make it, or as the last up made it. Several instances
     * of a service share its database, which H2 files cannot, so {@code --replicas} implies {@code --postgres}.
     */
    static LocalSystem systemFor(List<String> args, Path repoDir, PrintStream out) {
        Path homeDir = Topology.homeIn(repoDir);
        int replicas = ReplicaChoice.of(args, homeDir);
        var builder = LocalSystem.builder().repoDir(repoDir).homeDir(homeDir).replicas(replicas);
        if (POSTGRES.isMade(args, homeDir)) {
            builder.postgres();
        } else if (replicas > 1) {
            out.println("siren: " + replicas + " instances of a service share its database, which H2 files cannot: "
                    + "running on PostgreSQL, as with --postgres");
            builder.postgres();
        }
        if (PUBLIC.isMade(args, homeDir)) {
            builder.publicGateway();
        }
        if (TRACING.isMade(args, homeDir)) {
            builder.tracing();
        }
        return builder.build();
    }

    /** Remembers the choices this system was made with, for the commands that follow {@code up}. */
    static void rememberAll(LocalSystem system) {
        POSTGRES.remember(system.homeDir(), system.onPostgres());
        PUBLIC.remember(system.homeDir(), system.publicGateway());
        TRACING.remember(system.homeDir(), system.tracing());
        ReplicaChoice.remember(system.homeDir(), system.replicas());
    }

    static boolean isSwitch(String arg) {
        return Arrays.stream(values()).anyMatch(choice -> choice.switchName.equals(arg));
    }
}
