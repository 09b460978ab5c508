package io.sirenorder.bench;

import java.util.Arrays;

/** What {@code ./siren bench} and {@code ./siren demo} run: the first argument names the experiment. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String experiment = args.length == 0 ? "system" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (experiment) {
            case "system" -> SystemBench.main(rest);
            case "outbox" -> OutboxLatencyBench.main(rest);
            case "jit" -> JitComparison.main(rest);
            case "circuit-breaker" -> CircuitBreakerDemo.main(rest);
            default -> throw new IllegalArgumentException("unknown experiment '" + experiment
                    + "' (one of: system, outbox, jit, circuit-breaker)");
        }
    }
}
