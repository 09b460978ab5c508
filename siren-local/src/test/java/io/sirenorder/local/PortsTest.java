package io.sirenorder.local;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

class PortsTest {

    @Test
    void freePortsAreDistinctAndFree() {
        var ports = Ports.freePorts(5);

        assertThat(ports).doesNotHaveDuplicates().hasSize(5).allMatch(Ports::isFree);
    }

    @Test
    void aPortWithAListenerIsNeitherFreeNorSilent() throws Exception {
        try (var listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(Ports.isFree(listener.getLocalPort())).isFalse();
            assertThat(Ports.isListening(listener.getLocalPort())).isTrue();
        }
    }

    @Test
    void nobodyListensOnAFreePort() {
        assertThat(Ports.isListening(Ports.freePort())).isFalse();
    }
}
