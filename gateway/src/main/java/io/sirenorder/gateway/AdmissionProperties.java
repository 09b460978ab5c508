package io.sirenorder.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the routes with an {@code AdmissionControl} filter admit requests into their services (see
 * {@link AdmissionControlGatewayFilterFactory}).
 *
 * @param initialLimit requests let in at once before the limit has learnt anything
 * @param minLimit the fewest let in at once, however slow the service answers
 * @param maxLimit the most let in at once, however fast it answers; no more than a service's request threads
 * @param maxQueued requests that may wait at the door for one route; one more is refused with 503
 */
@ConfigurationProperties("siren.admission")
record AdmissionProperties(@DefaultValue("20") int initialLimit,
                           @DefaultValue("4") int minLimit,
                           @DefaultValue("200") int maxLimit,
                           @DefaultValue("1000") int maxQueued) {
}
