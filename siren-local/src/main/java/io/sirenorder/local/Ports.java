package io.sirenorder.local;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** TCP port checks for starting processes on ports nobody else uses. */
public final class Ports {

    private Ports() {
    }

    /** A port that is free right now, e.g. for tests that run beside a running {@code ./siren up}. */
    public static int freePort() {
        return freePorts(1).getFirst();
    }

    /** Distinct ports that are free right now: all are held open together while they are picked. */
    public static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try (Closeable closeAll = () -> {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }) {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getByName(Topology.HOST)));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find " + count + " free ports", e);
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
