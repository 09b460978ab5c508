package io.sirenorder.notification.web;

import io.sirenorder.notification.NotificationProperties;
import io.sirenorder.notification.application.Notice;
import io.sirenorder.notification.application.NotificationHub;
import io.sirenorder.notification.application.Position;
import io.sirenorder.notification.application.Subscriber;
import io.sirenorder.notification.application.Subscription;
import io.sirenorder.notification.domain.Audience;
import io.sirenorder.notification.domain.OrderNotification;
import io.sirenorder.notification.domain.ProductChanged;
import io.sirenorder.security.Roles;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * {@code GET /notifications/stream}: Server-Sent Events, {@code product} for every product change to everyone, and
 * {@code order} for each order placed and each move along its way (every one carrying {@code orderId},
 * {@code status} and {@code version}): to its customer when the caller's token is a customer's, for every order when
 * it is a clerk's (see NotificationSecurity for how a browser sends it). Each event's id is a {@link Position}; a
 * client that reconnects with it (the {@code Last-Event-ID} header, or the {@code lastEventId} parameter) first gets
 * what it missed, after an event {@code reset} when the history no longer reaches back that far.
 * <p>
 * WebFlux rather than MVC: a stream is a Reactor sink that the hub offers notices to without blocking, and Netty
 * writes it out as the client takes it, so an idle stream holds no thread, a slow client stalls no one, and one that
 * stops reading is found out by its full buffer and ended; a dead connection is found out by its next heartbeat.
 * With MVC's SseEmitter each send blocks its caller on the socket, which would take a queue and a sending thread
 * per stream to keep the Kafka listener clear of slow clients.
 */
@RestController
class NotificationController {

    private final NotificationHub hub;
    private final NotificationProperties properties;

    NotificationController(NotificationHub hub, NotificationProperties properties) {
        this.hub = hub;
        this.properties = properties;
    }

    @GetMapping(path = NotificationSecurity.STREAM, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<?>> stream(@AuthenticationPrincipal(errorOnInvalidType = false) Jwt caller,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
            @RequestParam(name = "lastEventId", required = false) String lastEventIdParameter) {
        // An EventSource keeps the URL it was opened with and sends its latest id as the header on reconnecting,
        // so the header is newer than the parameter. An id that is not one of ours counts as none.
        Optional<Position> lastSeen = Position.parse(lastEventIdHeader != null ? lastEventIdHeader
                : lastEventIdParameter);
        // what is buffered beyond the history's worth, a client could as well get by resuming from its last id
        Sinks.Many<Notice> live = Sinks.many().unicast()
                .onBackpressureBuffer(Queues.<Notice>get(properties.historySize()).get());
        return Flux.using(() -> hub.subscribe(audienceOf(caller), lastSeen, new SinkSubscriber(live)),
                subscription -> events(subscription, live)
                        // heartbeats until the events end, when the hub ends the stream
                        .publish(events -> Flux.merge(events, heartbeats().takeUntilOther(events.then()))),
                Subscription::close);
    }

    /**
     * Everyone hears of the menu. A clerk also hears of every order, for the queue board; a customer, of their own
     * (the token's subject). A caller without a token, or with neither role, hears of the menu only.
     */
    private static Audience audienceOf(Jwt caller) {
        List<String> roles = caller == null ? null : caller.getClaimAsStringList("roles");
        if (roles == null) {
            return Audience.ANYONE;
        }
        if (roles.contains(Roles.CLERK)) {
            return Audience.CLERKS;
        }
        String subject = caller.getSubject();
        return roles.contains(Roles.CUSTOMER) && subject != null && !subject.isBlank()
                ? new Audience.Customer(subject) : Audience.ANYONE;
    }

    private static Flux<ServerSentEvent<?>> events(Subscription subscription, Sinks.Many<Notice> live) {
        var replay = subscription.replay();
        Stream<ServerSentEvent<?>> reset = replay.reset() ? Stream.of(ServerSentEvent.builder(
                new ResetResponse("The history does not reach back to your last event id: reload your view"))
                .event("reset").build()) : Stream.empty();
        return Flux.concat(Flux.fromStream(reset),
                Flux.fromIterable(replay.notices()).map(NotificationController::event),
                live.asFlux().map(NotificationController::event));
    }

    private static ServerSentEvent<?> event(Notice notice) {
        String name = switch (notice.notification()) {
            case ProductChanged product -> "product";
            // placed or moved alike: a client applies each by its version
            case OrderNotification order -> "order";
        };
        return ServerSentEvent.builder(notice.notification()).id(notice.id().toString()).event(name).build();
    }

    /**
     * Comment lines: ignored by clients, but they keep proxies from closing an idle stream. The first goes at once,
     * so that the client and any proxy see the response begin without waiting for an event.
     */
    private Flux<ServerSentEvent<?>> heartbeats() {
        return Flux.interval(Duration.ZERO, properties.heartbeat())
                .onBackpressureDrop()
                .map(tick -> ServerSentEvent.builder().comment("heartbeat").build());
    }

    private record SinkSubscriber(Sinks.Many<Notice> sink) implements Subscriber {

        @Override
        public boolean offer(Notice notice) {
            return sink.tryEmitNext(notice).isSuccess();
        }

        @Override
        public void end() {
            sink.tryEmitComplete();
        }
    }
}
