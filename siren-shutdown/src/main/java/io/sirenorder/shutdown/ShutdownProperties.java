package io.sirenorder.shutdown;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service stops (see {@link ShutdownAutoConfiguration}).
 *
 * @param drain how long the service goes on serving as usual once told to stop, its readiness already down, before
 *         anything stops: longer than its load balancer takes to notice (the gateway checks every half second, so
 *         two seconds is plenty). None by default: on Kubernetes the pod's {@code preStop} sleep does the same before
 *         the service is even told
 */
@ConfigurationProperties("siren.shutdown")
public record ShutdownProperties(@DefaultValue("0s") Duration drain) {
}
