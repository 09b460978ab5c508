package io.sirenorder.bench;

import java.util.stream.Stream;

/**
 * A quantile of a timer a service publishes with its median and 99th percentile, read from the service's Prometheus
 * text ({@code /actuator/prometheus}, see siren-observability): with the Prometheus registry, Actuator's
 * {@code /actuator/metrics} no longer has the timer's {@code .percentile} gauges, and the text has both quantiles of
 * one snapshot side by side.
 */
final class ScrapedQuantile {

    static final String PATH = "/actuator/prometheus";

    private ScrapedQuantile() {
    }

    /**
     * The value of {@code summary} (as Prometheus names it: {@code siren_outbox_lag_seconds}) at {@code quantile}
     * ({@code "0.5"}), on the sample whose labels include each of {@code labels} ({@code topic="product-events"}).
     */
    static double of(String prometheusText, String summary, String quantile, String... labels) {
        return prometheusText.lines()
                .filter(sample -> sample.startsWith(summary + "{"))
                .filter(sample -> sample.contains("quantile=\"" + quantile + "\""))
                .filter(sample -> Stream.of(labels).allMatch(sample::contains))
                .mapToDouble(sample -> Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + summary + " at quantile " + quantile
                        + " with " + String.join(", ", labels) + " in the service's Prometheus text"));
    }
}
