package io.sirenorder.gateway;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.SignalType;

import io.sirenorder.gateway.AdmissionControlGatewayFilterFactory.Door;
import io.sirenorder.gateway.AdmissionControlGatewayFilterFactory.Permit;

import static org.assertj.core.api.Assertions.assertThat;

/** One route's door, its limit held at one: who is let in, when, and in which order. */
class DoorTest {

    private final Door door = new Door("order", new AdmissionProperties(1, 1, 1, 10), null);
    private final List<String> admitted = new ArrayList<>();
    private final List<Permit> permits = new ArrayList<>();

    @Test
    void waitingRequestsAreLetInFirstComeFirstServedAsPermitsFreeUp() {
        arrive("first");
        arrive("second");
        arrive("third");
        assertThat(admitted).containsExactly("first");
        assertThat(door.queued()).isEqualTo(2);

        permits.getFirst().release(SignalType.ON_COMPLETE);
        assertThat(admitted).containsExactly("first", "second");

        permits.get(1).release(SignalType.ON_ERROR);
        assertThat(admitted).containsExactly("first", "second", "third");
        assertThat(door.queued()).isZero();
    }

    @Test
    void aRequestThatGivesUpWhileWaitingTakesNoPermit() {
        arrive("first");
        Disposable gaveUp = arrive("gave up");
        arrive("third");

        gaveUp.dispose();
        permits.getFirst().release(SignalType.ON_COMPLETE);

        // the permit passes over the one that left to the next in line
        assertThat(admitted).containsExactly("first", "third");
        assertThat(door.queued()).isZero();
    }

    @Test
    void thousandsWhoseTurnEndsAtOnceAreLetInWithoutTheStackGrowing() {
        int waiting = 20_000;
        Door door = new Door("order", new AdmissionProperties(1, 1, 1, waiting), null);
        door.admit().subscribe(permits::add);
        List<Integer> done = new ArrayList<>();
        for (int i = 0; i < waiting; i++) {
            int who = i;
            // as when the service's breaker is open: admitted, answered and gone before admit() returns
            door.admit().subscribe(permit -> {
                done.add(who);
                permit.release(SignalType.ON_ERROR);
            });
        }

        permits.getFirst().release(SignalType.ON_COMPLETE);

        assertThat(done).hasSize(waiting).isSorted();
        assertThat(door.queued()).isZero();
    }

    private Disposable arrive(String who) {
        return door.admit().subscribe(permit -> {
            admitted.add(who);
            permits.add(permit);
        });
    }
}
