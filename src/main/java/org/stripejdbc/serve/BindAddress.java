package org.stripejdbc.serve;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * The host the serve mode listens on, resolved once to decide whether it is reachable from other machines.
 * A host is <em>loopback</em> when every address it resolves to is a loopback address; anything else (a LAN
 * address, a public name, the wildcard {@code 0.0.0.0} or {@code ::}) needs authentication.
 * <pre>
 *   BindAddress.of("127.0.0.1")   →  loopback, client URL host 127.0.0.1
 *   BindAddress.of("localhost")   →  loopback (127.0.0.1 and ::1 are both loopback)
 *   BindAddress.of("[::1]")       →  loopback, client URL host [::1]
 *   BindAddress.of("0.0.0.0")     →  not loopback, wildcard (every interface)
 *   BindAddress.of("192.0.2.10")  →  not loopback
 * </pre>
 * Literal addresses are checked without any DNS lookup.
 *
 * @param host     the host as Jetty binds it (IPv6 literals without brackets)
 * @param loopback whether only this machine can connect
 * @param wildcard whether it means every interface
 * @param ipv6     whether it is an IPv6 literal (bracketed in URLs)
 */
public record BindAddress(String host, boolean loopback, boolean wildcard, boolean ipv6) {
    /** The default: IPv4 loopback, never all interfaces. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    public BindAddress {
        Objects.requireNonNull(host, "host");
    }

    /** Resolves {@code host} (a name, an IPv4 literal, or an IPv6 literal with or without brackets). */
    public static BindAddress of(String host) {
        Objects.requireNonNull(host, "host");
        String trimmed = host.trim();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "--host: an empty host name");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(trimmed);
        } catch (UnknownHostException e) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE, "--host: cannot resolve \"" + trimmed + "\"", e);
        }
        boolean loopback = Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        boolean wildcard = Arrays.stream(addresses).anyMatch(InetAddress::isAnyLocalAddress);
        boolean ipv6Literal =
                trimmed.indexOf(':') >= 0 && addresses.length == 1 && addresses[0] instanceof Inet6Address;
        return new BindAddress(trimmed, loopback, wildcard, ipv6Literal);
    }

    /**
     * The host part of the URL clients use: the host itself (IPv6 in brackets), or, for a wildcard, this
     * machine's name, since {@code 0.0.0.0} is not an address one can connect to.
     */
    public String urlHost() {
        if (wildcard) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "localhost";
            }
        }
        return ipv6 ? "[" + host + "]" : host;
    }

    @Override
    public String toString() {
        return ipv6 ? "[" + host + "]" : host;
    }
}
