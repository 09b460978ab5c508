package io.sirenorder.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void freePortsAreDistinctBelowTheEphemeralRangeAndFreeToListenOn() throws IOException {
        List<Integer> ports = Ports.freePorts(20);

        assertThat(ports).doesNotHaveDuplicates().hasSize(20)
                .allSatisfy(port -> assertThat(port).isBetween(1024, 32767));
        // a client's outgoing connection takes its port from the ephemeral range: never one of ours
        try (var outgoingOnes = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(ports).doesNotContain(outgoingOnes.getLocalPort());
        }
        for (int port : ports) {
            try (var server = new ServerSocket(port, 1, InetAddress.getByName(Topology.HOST))) {
                assertThat(server.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
