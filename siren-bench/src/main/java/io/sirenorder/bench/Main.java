package io.sirenorder.bench;

import java.util.List;

/**
 * What {@code ./siren bench} and {@code ./siren demo} run: {@code bench [seconds]}, the whole system under load;
 * {@code bench jit [minutes]}, C1 alone against C2; {@code bench outbox}, the outbox alone; and
 * {@code demo circuit-breaker [seconds]}, the seed's experiment.
 */
public final class Main {

    /** A benchmark's or demonstration's own main method. */
    @FunctionalInterface
    private interface Experiment {

        void run(String[] args) throws Exception;
    }

    /** An experiment to run with its arguments, and whether it loads the system with wrk. */
    private record Run(Experiment experiment, List<String> args, boolean loadsWithWrk) {
    }

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Run run;
        try {
            run = parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("siren: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (run.loadsWithWrk() && !Wrk.installed()) {
            System.err.println("siren: the load comes from wrk, which is not installed (e.g. apt-get install wrk)");
            System.exit(1);
        }
        run.experiment().run(run.args().toArray(String[]::new));
    }

    private static Run parse(List<String> words) {
        String command = words.isEmpty() ? "" : words.getFirst();
        String name = words.size() > 1 ? words.get(1) : "";
        List<String> afterName = words.subList(Math.min(2, words.size()), words.size());
        return switch (command) {
            case "bench" -> switch (name) {
                case "outbox" -> new Run(OutboxLatencyBench::main, afterName, false);
                case "jit" -> new Run(JitComparison::main, afterName, true);
                default -> new Run(SystemBench::main, words.subList(1, words.size()), true);
            };
            case "demo" -> switch (name) {
                case "circuit-breaker" -> new Run(CircuitBreakerDemo::main, afterName, true);
                default -> throw new IllegalArgumentException(
                        "unknown demo '" + name + "' (there is: circuit-breaker)");
            };
            default -> throw new IllegalArgumentException("unknown command '" + command + "' (bench or demo)");
        };
    }
}
