package io.sirenorder.testing.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusScrapeTest {

    private static final PrometheusScrape SCRAPE = new PrometheusScrape(200, "text/plain;version=0.0.4", """
            # HELP siren_orders_refused_total Orders refused, nothing stored, by reason
            # TYPE siren_orders_refused_total counter
            siren_orders_refused_total{reason="invalid"} 2.0
            siren_orders_refused_total{reason="unknown-product"} 1.0
            # TYPE siren_outbox_lag_seconds summary
            siren_outbox_lag_seconds{quantile="0.5"} 0.025
            siren_outbox_lag_seconds_count 9
            odd_total{detail="says \\"hi\\", then {leaves}",kind="x"} 1.0
            """);

    @Test
    void readsTheTextFormat() {
        assertThat(SCRAPE.isPrometheusText()).isTrue();
        assertThat(SCRAPE.sampleNames()).containsExactly("siren_orders_refused_total", "siren_outbox_lag_seconds",
                "siren_outbox_lag_seconds_count", "odd_total");
        assertThat(SCRAPE.samples("siren_outbox_")).hasSize(2);
        assertThat(SCRAPE.labelValues()).containsExactly("invalid", "unknown-product", "0.5",
                "says \\\"hi\\\", then {leaves}", "x");
    }

    @Test
    void addsUpTheSamplesWithTheLabelsAsked() {
        assertThat(SCRAPE.sum("siren_orders_refused_total")).isEqualTo(3);
        assertThat(SCRAPE.sum("siren_orders_refused_total", "reason=\"invalid\"")).isEqualTo(2);
        assertThat(SCRAPE.sum("siren_orders_refused_total", "reason=\"catalogue-unavailable\"")).isZero();
        assertThat(SCRAPE.sum("siren_outbox_lag_seconds_count")).isEqualTo(9);
    }

    @Test
    void anAnswerOtherThanTheTextIsNotIt() {
        assertThat(new PrometheusScrape(403, "application/problem+json", "{}").isPrometheusText()).isFalse();
    }
}
