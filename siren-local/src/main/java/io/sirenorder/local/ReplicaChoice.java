package io.sirenorder.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How many instances of product, order, report and notification {@code up --replicas N} runs; like an
 * {@link UpChoice}, remembered ({@code .siren/run/replicas}) for the commands that follow, so that {@code status}
 * lists them all and {@code roll} restarts them all.
 */
final class ReplicaChoice {

    static final String SWITCH = "--replicas";

    private ReplicaChoice() {
    }

    /** The number {@code up} names, 1 without the switch; for the other commands, the one the last up chose. */
    static int of(List<String> args, Path homeDir) {
        if (!args.isEmpty() && args.getFirst().equals("up")) {
            int at = args.indexOf(SWITCH);
            return at < 0 ? 1 : parse(at + 1 < args.size() ? args.get(at + 1) : "");
        }
        Path remembered = file(homeDir);
        try {
            return Files.exists(remembered) ? parse(Files.readString(remembered).strip()) : 1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + remembered, e);
        }
    }

    static void remember(Path homeDir, int replicas) {
        Path remembered = file(homeDir);
        try {
            Files.createDirectories(remembered.getParent());
            Files.writeString(remembered, replicas + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + remembered, e);
        }
    }

    /** The arguments without {@code --replicas N}, which is not a service's name. */
    static List<String> withoutSwitch(List<String> args) {
        List<String> rest = new ArrayList<>(args);
        int at = rest.indexOf(SWITCH);
        if (at >= 0) {
            rest.subList(at, Math.min(at + 2, rest.size())).clear();
        }
        return rest;
    }

    private static int parse(String number) {
        if (!number.matches("[1-9][0-9]{0,2}")) {
            throw new IllegalArgumentException(SWITCH + " takes a number of instances, 1 or more, not '" + number
                    + "'");
        }
        return Integer.parseInt(number);
    }

    private static Path file(Path homeDir) {
        return homeDir.resolve("run").resolve("replicas");
    }
}
