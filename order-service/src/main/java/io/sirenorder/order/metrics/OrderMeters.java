package io.sirenorder.order.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sirenorder.order.application.OrderOutcomes;
import io.sirenorder.order.application.Refusal;
import io.sirenorder.order.domain.CheckedAgainst;
import io.sirenorder.order.domain.Order;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Orders placed and refused, as counters a scraper can rate: {@value #PLACED} tagged {@code checked.against}
 * ({@code catalogue}, or {@code menu} while the product service is down and the policy accepts from the menu) and
 * {@value #REFUSED} tagged {@code reason} ({@link Refusal#label()}). Every tag comes from a fixed set, never from the
 * order, so a busy day adds no series. Each counter exists from the start, at zero, so that a rate over a counter
 * that has not moved yet is 0 rather than missing.
 */
@Component
class OrderMeters implements OrderOutcomes {

    static final String PLACED = "siren.orders.placed";
    static final String REFUSED = "siren.orders.refused";

    private final Map<CheckedAgainst, Counter> placed = new EnumMap<>(CheckedAgainst.class);
    private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);

    OrderMeters(MeterRegistry registry) {
        for (CheckedAgainst checked : CheckedAgainst.values()) {
            placed.put(checked, Counter.builder(PLACED)
                    .description("Orders stored, by what their product and price were checked against")
                    .tag("checked.against", checked.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        for (Refusal reason : Refusal.values()) {
            refused.put(reason, Counter.builder(REFUSED)
                    .description("Orders refused, nothing stored, by reason")
                    .tag("reason", reason.label())
                    .register(registry));
        }
    }

    @Override
    public void placed(Order order) {
        placed.get(order.checkedAgainst()).increment();
    }

    @Override
    public void refused(Refusal reason) {
        refused.get(reason).increment();
    }
}
