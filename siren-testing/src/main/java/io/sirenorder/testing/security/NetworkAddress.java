package io.sirenorder.testing.security;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Optional;

/**
 * An address of this machine that is not loopback: a request sent to it comes, as far as the server can tell, from
 * the network. Tests of what answers "this machine only" use it; a machine with no network interface has none.
 */
public final class NetworkAddress {

    private NetworkAddress() {
    }

    public static Optional<String> ofThisMachine() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(NetworkAddress::isUp)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress()
                            && !address.isLinkLocalAddress())
                    .map(InetAddress::getHostAddress)
                    .findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
