package nl.hartslag.ratelimit.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.web.server.ServerWebExchange;

/**
 * The client a limit counts against: the remote address as Spring sees it. Behind a proxy that is
 * the proxy, unless {@code server.forward-headers-strategy} tells Spring to trust its forwarded
 * headers; we never read {@code X-Forwarded-For} ourselves (anyone can send one). An IPv6 client
 * counts by its /64, the block one household or phone is given, or it could take a new address per
 * request.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static Optional<String> of(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null || remote.getAddress() == null) {
            return Optional.empty();
        }
        InetAddress address = remote.getAddress();
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            return Optional.of(HexFormat.of().formatHex(bytes, 0, 8) + "::/64");
        }
        return Optional.of(address.getHostAddress());
    }
}
