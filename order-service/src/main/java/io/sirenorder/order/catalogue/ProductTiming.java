package io.sirenorder.order.catalogue;

import java.util.List;
import java.util.OptionalLong;

/**
 * How long the product service says it took to answer: the {@code app} metric of its {@code Server-Timing} header
 * (W3C Server Timing, {@code app;dur=12.5}, in milliseconds).
 */
final class ProductTiming {

    static final String HEADER = "Server-Timing";
    static final String METRIC = "app";

    private ProductTiming() {
    }

    /**
     * In nanoseconds, from the values of the answer's {@value #HEADER} headers; empty when they have no such metric,
     * or an unreadable one.
     */
    static OptionalLong of(List<String> headers) {
        for (String header : headers) {
            for (String metric : header.split(",")) {
                String[] parts = metric.split(";");
                if (!parts[0].strip().equals(METRIC)) {
                    continue;
                }
                for (int i = 1; i < parts.length; i++) {
                    String parameter = parts[i].strip();
                    if (parameter.startsWith("dur=")) {
                        return nanos(parameter.substring("dur=".length()));
                    }
                }
            }
        }
        return OptionalLong.empty();
    }

    private static OptionalLong nanos(String millis) {
        try {
            double value = Double.parseDouble(millis);
            return value >= 0 && Double.isFinite(value) ? OptionalLong.of((long) (value * 1e6)) : OptionalLong.empty();
        } catch (NumberFormatException unreadable) {
            return OptionalLong.empty();
        }
    }
}
