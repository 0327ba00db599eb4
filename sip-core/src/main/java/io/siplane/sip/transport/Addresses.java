package io.siplane.sip.transport;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Small helpers on IP literals; nothing here does DNS. */
final class Addresses {
    private Addresses() {}

    /** Strips the brackets of an IPv6 reference ({@code [::1]} → {@code ::1}). */
    static String unbracket(String host) {
        return host.length() > 1 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']'
                ? host.substring(1, host.length() - 1)
                : host;
    }

    /** True for an IPv4 address or an IPv6 address, with or without brackets. */
    static boolean isIpLiteral(String host) {
        return NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(unbracket(host));
    }

    /** The address of an IP literal; the caller has checked {@link #isIpLiteral}. */
    static InetAddress literal(String host) {
        InetAddress a = NetUtil.createInetAddressFromIpAddressString(unbracket(host));
        if (a == null) throw new IllegalArgumentException("not an IP literal: " + host);
        return a;
    }

    /** An address for {@code host:port}: resolved for an IP literal, unresolved (no DNS) for a name. */
    static InetSocketAddress socketAddress(String host, int port) {
        return isIpLiteral(host)
                ? new InetSocketAddress(literal(host), port)
                : InetSocketAddress.createUnresolved(host, port);
    }

    /** The textual IP of an address, without brackets or zone decoration beyond what the JDK prints. */
    static String ip(InetSocketAddress a) {
        return a.getAddress() != null ? NetUtil.toAddressString(a.getAddress()) : a.getHostString();
    }

    /** True when {@code host} (a Via sent-by or received value) names the same IP as {@code address}. */
    static boolean sameIp(String host, InetAddress address) {
        if (!isIpLiteral(host)) return false;
        return literal(host).equals(address);
    }
}
