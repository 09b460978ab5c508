package io.sirenorder.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A port that is listened on but never accepts: its accept queue is filled up front, so the kernel silently drops
 * every further connection attempt, as it does for an overloaded or wedged backend. Connecting to it times out.
 */
final class UnacceptingListener {

    private static final int QUEUE_BOUND = 16;

    private final ServerSocket server;
    private final List<Socket> queued = new ArrayList<>();

    UnacceptingListener() {
        try {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            while (queued.size() < QUEUE_BOUND) {
                Socket socket = new Socket();
                try {
                    socket.connect(server.getLocalSocketAddress(), 100);
                    queued.add(socket);
                }
                catch (SocketTimeoutException queueIsFull) {
                    socket.close();
                    return;
                }
            }
            throw new IllegalStateException("The accept queue did not fill up after " + QUEUE_BOUND + " connections");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    void stop() throws IOException {
        for (Socket socket : queued) {
            socket.close();
        }
        server.close();
    }
}
