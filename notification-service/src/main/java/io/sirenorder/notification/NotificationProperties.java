package io.sirenorder.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code historySize}: how many recent notices are kept for clients that reconnect, and how far a slow client may
 * fall behind before its stream is ended (it then resumes from the history). {@code heartbeat}: how often an idle
 * stream gets a comment line, so that proxies keep it open and a dead connection is found out.
 */
@ConfigurationProperties("siren.notifications")
public record NotificationProperties(@DefaultValue("1000") int historySize, @DefaultValue("15s") Duration heartbeat) {
}
