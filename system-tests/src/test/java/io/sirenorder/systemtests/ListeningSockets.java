package io.sirenorder.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The TCP sockets listening on this machine, as the kernel lists them in {@code /proc/net/tcp} and {@code tcp6}:
 * where a server can be reached from, read without sending it anything.
 */
record ListeningSockets(List<Socket> sockets) {

    private static final String LISTEN = "0A";
    private static final String IPV4_LOOPBACK = "0100007F";
    private static final String IPV6_LOOPBACK = "00000000000000000000000001000000";
    private static final String IPV4_MAPPED_PREFIX = "0000000000000000FFFF0000";

    /** A listening socket: its local address in the kernel's hexadecimal form, and its port. */
    record Socket(String address, int port) {

        /** Only this machine can connect: 127.0.0.1, ::1 or ::ffff:127.0.0.1. */
        boolean isLoopbackOnly() {
            return address.equals(IPV4_LOOPBACK) || address.equals(IPV6_LOOPBACK)
                    || address.equals(IPV4_MAPPED_PREFIX + IPV4_LOOPBACK);
        }
    }

    static ListeningSockets now() {
        return new ListeningSockets(Stream.of("tcp", "tcp6")
                .map(table -> Path.of("/proc/net", table))
                .filter(Files::isReadable)
                .flatMap(ListeningSockets::listening)
                .toList());
    }

    List<Socket> onPort(int port) {
        return sockets.stream().filter(socket -> socket.port() == port).toList();
    }

    private static Stream<Socket> listening(Path table) {
        try {
            // "sl local_address rem_address st ...", local_address as ADDRESS:PORT in hexadecimal
            return Files.readAllLines(table).stream().skip(1)
                    .map(line -> line.trim().split("\\s+"))
                    .filter(fields -> fields[3].equals(LISTEN))
                    .map(fields -> fields[1].split(":"))
                    .map(local -> new Socket(local[0], Integer.parseInt(local[1], 16)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
