package io.sirenorder.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * wrk, the load tool: a fixed number of connections, each sending its next request as soon as it is answered, for
 * a fixed time. A scenario's Lua script (in this module's {@code wrk/} resources) builds the requests; {@code
 * report.lua}, appended to every one, counts the answers and prints the figures as one line of JSON, read here.
 */
public final class Wrk {

    private static final String RESULT_PREFIX = "wrk-result ";

    /**
     * What a run measured; times in milliseconds.
     *
     * @param socketErrors requests that got no answer at all: connection failures and timeouts
     * @param refusalsWithoutRetryAfter 503 answers without a {@code Retry-After} or without a problem body
     * @param statuses answers by HTTP status
     * @param serverErrors the answers of 500 and above by the detail of their problem body
     * @param percentiles the latency distribution: milliseconds at each percentile, 10 to 100
     */
    public record Result(long requests, double seconds, double meanMillis, double maxMillis, double p50Millis,
                         double p90Millis, double p99Millis, long socketErrors, long refusalsWithoutRetryAfter,
                         Map<Integer, Long> statuses, Map<String, Long> serverErrors,
                         Map<Double, Double> percentiles) {

        public long answered(IntPredicate status) {
            return statuses.entrySet().stream()
                    .filter(entry -> status.test(entry.getKey()))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }

        /** As siege counts it: the share of requests answered, and not with a server error. */
        public double availabilityPercent() {
            long attempted = requests + socketErrors;
            return attempted == 0 ? 0 : 100.0 * answered(status -> status < 500) / attempted;
        }

        public double perSecond() {
            return requests / seconds;
        }

        /** Orders placed ({@code 201}) a second: the figure that matters to a shop, where a refusal is no order. */
        public double placedPerSecond() {
            return answered(status -> status == 201) / seconds;
        }

        /** Answers that were server errors, 503 included, and requests that got no answer at all. */
        public long failures() {
            return answered(status -> status >= 500) + socketErrors;
        }
    }

    private Wrk() {
    }

    public static boolean installed() {
        try {
            new ProcessBuilder("wrk", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs {@code script} against {@code baseUrl} with {@code connections} connections on two threads (one for one).
     */
    public static Result run(String baseUrl, String script, int connections, Duration duration, List<String> scriptArgs)
            throws IOException, InterruptedException {
        return start(baseUrl, List.of(script), connections, duration, scriptArgs).finish();
    }

    /**
     * Starts wrk on these scripts, one after the other (a scenario, then say {@code paced.lua}), for {@code duration}
     * at most: {@link Running#stop()} ends it sooner, for a load that lasts as long as something else does.
     */
    public static Running start(String baseUrl, List<String> scripts, int connections, Duration duration,
            List<String> scriptArgs) throws IOException {
        Path scriptFile = Files.createTempFile("siren-wrk-", ".lua");
        StringBuilder script = new StringBuilder();
        for (String name : scripts) {
            script.append(resource(name)).append('\n');
        }
        Files.writeString(scriptFile, script.append(resource("report.lua")));
        List<String> command = new ArrayList<>(List.of("wrk", "--threads", String.valueOf(Math.min(2, connections)),
                "--connections", String.valueOf(connections), "--duration", duration.toSeconds() + "s",
                // longer than any answer the system may give, so that a slow answer is measured, not dropped
                "--timeout", "10s", "--script", scriptFile.toString(), baseUrl, "--"));
        command.addAll(scriptArgs);
        try {
            return new Running(new ProcessBuilder(command).redirectErrorStream(true).start(), scriptFile);
        } catch (IOException e) {
            Files.deleteIfExists(scriptFile);
            throw e;
        }
    }

    /** A wrk run under way. */
    public static final class Running {

        private final Process wrk;
        private final Path scriptFile;

        private Running(Process wrk, Path scriptFile) {
            this.wrk = wrk;
            this.scriptFile = scriptFile;
        }

        /** Ends the load now, as Ctrl-C does (wrk then reports as at the end of its time), and returns its figures. */
        public Result stop() throws IOException, InterruptedException {
            // SIGINT, which the JDK cannot send: SIGTERM would end wrk without its report
            new ProcessBuilder("kill", "-INT", String.valueOf(wrk.pid())).inheritIO().start().waitFor();
            return finish();
        }

        /** Waits until the load ends and returns its figures. */
        public Result finish() throws IOException, InterruptedException {
            try {
                String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (wrk.waitFor() != 0) {
                    throw new IOException("wrk failed: " + output);
                }
                return output.lines()
                        .filter(line -> line.startsWith(RESULT_PREFIX))
                        .findFirst()
                        .map(line -> parse(line.substring(RESULT_PREFIX.length())))
                        .orElseThrow(() -> new IOException("wrk printed no result: " + output));
            } finally {
                Files.deleteIfExists(scriptFile);
            }
        }
    }

    private static String resource(String script) throws IOException {
        try (InputStream source = Wrk.class.getResourceAsStream("/wrk/" + script)) {
            if (source == null) {
                throw new IllegalArgumentException("no wrk script " + script);
            }
            return new String(source.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Result parse(String json) {
        JsonNode result = JsonMapper.shared().readTree(json);
        Map<Integer, Long> statuses = new TreeMap<>();
        result.get("statuses").properties()
                .forEach(entry -> statuses.put(Integer.valueOf(entry.getKey()), entry.getValue().asLong()));
        Map<String, Long> serverErrors = new TreeMap<>();
        result.get("serverErrors").properties()
                .forEach(entry -> serverErrors.put(entry.getKey(), entry.getValue().asLong()));
        Map<Double, Double> percentiles = new TreeMap<>();
        result.get("percentiles").properties().forEach(entry -> percentiles.put(Double.valueOf(entry.getKey()),
                entry.getValue().asDouble() / 1e3));
        return new Result(result.get("requests").asLong(), result.get("durationMicros").asLong() / 1e6,
                millis(result, "meanMicros"), millis(result, "maxMicros"), millis(result, "p50Micros"),
                millis(result, "p90Micros"), millis(result, "p99Micros"), result.get("socketErrors").asLong(),
                result.get("refusalsWithoutRetryAfter").asLong(), statuses, serverErrors, percentiles);
    }

    private static double millis(JsonNode result, String micros) {
        return result.get(micros).asDouble() / 1e3;
    }
}
