package org.stripejdbc.serve;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/** This machine's addresses, for the test that the server is not reachable on them. */
final class NetworkAddresses {
    private NetworkAddresses() {}

    /** An address of an interface that is up and not loopback (IPv4 preferred), or null when there is none. */
    static InetAddress firstNonLoopbackAddress() throws SocketException {
        InetAddress found = null;
        for (NetworkInterface networkInterface : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!networkInterface.isUp() || networkInterface.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(networkInterface.getInetAddresses())) {
                if (address.isLoopbackAddress() || address.isLinkLocalAddress()) {
                    continue;
                }
                if (address instanceof Inet4Address) {
                    return address;
                }
                if (found == null) {
                    found = address;
                }
            }
        }
        return found;
    }
}
