package io.sirenorder.local;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** TCP port checks for starting processes on ports nobody else uses. */
public final class Ports {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Below the ephemeral ports, clear of every usual port of ./siren up (8080 to 9411). */
    private static final int PICK_WINDOW = 8000;
    private static final int MAX_TRIES = 1000;

    private Ports() {
    }

    /** A port that is free right now, e.g. for tests that run beside a running {@code ./siren up}. */
    public static int freePort() {
        return freePorts(1).getFirst();
    }

    /**
     * Distinct ports that are free right now, all held open together while they are picked. They are picked at
     * random just below the range the system gives out for outgoing connections and for servers on port 0, as a port
     * from that range may be taken by any client's connection between the moment it is found free and the moment
     * our server listens on it (a service that then failed to start, "port already in use", in a system test).
     */
    public static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try (Closeable closeAll = () -> {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }) {
            InetAddress host = InetAddress.getByName(Topology.HOST);
            int lowestEphemeral = lowestEphemeralPort();
            for (int tries = 0; sockets.size() < count; tries++) {
                if (tries == MAX_TRIES) {
                    throw new IOException("no free port found below " + lowestEphemeral + " in " + tries + " tries");
                }
                int port = ThreadLocalRandom.current().nextInt(lowestEphemeral - PICK_WINDOW, lowestEphemeral);
                try {
                    sockets.add(new ServerSocket(port, 1, host));
                } catch (IOException taken) {
                    // taken, or already picked: try another
                }
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find " + count + " free ports", e);
        }
    }

    /**
     * Linux says where its ephemeral ports begin (read by lines: a file of /proc says it is empty, and is read short
     * whole); 32768 is its default, and below the other systems' own.
     */
    private static int lowestEphemeralPort() {
        try {
            int lowest = Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).getFirst().trim().split("\\s+")[0]);
            return lowest - PICK_WINDOW >= 1024 ? lowest : 32768;
        } catch (IOException | RuntimeException notLinux) {
            return 32768;
        }
    }

    /**
     * Whether a server could listen on this port on every interface. Address reuse is on, as in the servers we
     * start, so connections still lingering from a process that just stopped do not count as taking the port.
     */
    public static boolean isFree(int port) {
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException portTaken) {
            return false;
        }
    }

    /** Whether something accepts connections on this port of {@link Topology#HOST}. */
    public static boolean isListening(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(Topology.HOST, port), 500);
            return true;
        } catch (IOException nobodyListening) {
            return false;
        }
    }
}
