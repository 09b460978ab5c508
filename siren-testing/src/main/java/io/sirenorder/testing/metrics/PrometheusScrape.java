package io.sirenorder.testing.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One scrape of an application's {@code /actuator/prometheus}, made as a Prometheus beside it would: from this
 * machine, without a token. Read in Prometheus' text format (a sample a line, {@code name{label="value",...} number},
 * comments starting with {@code #}), so that a test sees the names and tags a scraper stores, not Micrometer's.
 *
 * @param status the HTTP status
 * @param contentType the response's Content-Type, or empty
 * @param body the text as it came
 */
public record PrometheusScrape(int status, String contentType, String body) {

    public static final String PATH = "/actuator/prometheus";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** One label of a sample: its value may hold escaped quotes and backslashes. */
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Scrapes {@code http://host:port/actuator/prometheus}. */
    public static PrometheusScrape of(String host, int port) {
        return of(URI.create("http://" + host + ":" + port + PATH));
    }

    public static PrometheusScrape of(URI uri) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return new PrometheusScrape(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("scraping " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scraping " + uri, e);
        }
    }

    /** Whether the answer is Prometheus' text format, which Spring Boot gives a client that asks for no other. */
    public boolean isPrometheusText() {
        return status == 200 && contentType.startsWith("text/plain") && body.contains("# TYPE ");
    }

    /** Every sample's name, as Prometheus stores it ({@code siren_orders_placed_total}, {@code ..._seconds_count}). */
    public Set<String> sampleNames() {
        Set<String> names = new LinkedHashSet<>();
        samples().forEach(sample -> names.add(nameOf(sample)));
        return names;
    }

    /** The sample lines of the meters whose names start with {@code prefix}, e.g. {@code siren_}. */
    public Stream<String> samples(String prefix) {
        return samples().filter(sample -> sample.startsWith(prefix));
    }

    /** Every label value of every sample, as written (escapes kept): what a scraper indexes, so what must stay few. */
    public Set<String> labelValues() {
        Set<String> values = new LinkedHashSet<>();
        samples().forEach(sample -> {
            Matcher label = LABEL.matcher(labelsOf(sample));
            while (label.find()) {
                values.add(label.group(2));
            }
        });
        return values;
    }

    /**
     * The sum of the samples named {@code name} whose labels include each of {@code labels}
     * ({@code "reason=\"invalid\""} and so on): one sample's value, or a counter's total over the tags left out;
     * 0 when there is none, as for a counter that has not counted yet.
     */
    public double sum(String name, String... labels) {
        return samples().filter(sample -> nameOf(sample).equals(name))
                .filter(sample -> Stream.of(labels).allMatch(labelsOf(sample)::contains))
                .mapToDouble(sample -> Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1)))
                .sum();
    }

    private Stream<String> samples() {
        return body.lines().filter(line -> !line.isBlank() && !line.startsWith("#"));
    }

    private static String nameOf(String sample) {
        int end = sample.indexOf('{');
        return sample.substring(0, end >= 0 ? end : sample.indexOf(' '));
    }

    private static String labelsOf(String sample) {
        int start = sample.indexOf('{');
        return start < 0 ? "" : sample.substring(start + 1, sample.lastIndexOf('}'));
    }
}
