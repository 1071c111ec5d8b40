package io.tollgate.engine.notification;

import org.springframework.stereotype.Component;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where webhooks may point: http or https only, never link-local or cloud metadata addresses, and
 * loopback or private addresses only where {@code allow-private-targets} says so.
 */
@Component
class TargetGuard {

    static final int MAX_URL = 2000;
    private final boolean allowPrivate;

    TargetGuard(NotificationSettings settings) {
        this.allowPrivate = settings.allowPrivateTargets();
    }

    /** The URL if it may be called; otherwise why not, as an {@link IllegalArgumentException}. */
    URI check(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL) {
            throw new IllegalArgumentException("url is an http or https address of at most " + MAX_URL + " characters.");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a valid address.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("url must start with http:// or https://.");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("url needs a host and no user name or password.");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("The host of url is unknown.");
        }
        for (InetAddress a : addresses) {
            if (a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()) {
                throw new IllegalArgumentException("url points at an address webhooks may not reach.");
            }
            boolean priv = a.isLoopbackAddress() || a.isSiteLocalAddress() || uniqueLocal(a) || sharedSpace(a);
            if (priv && !allowPrivate) {
                throw new IllegalArgumentException("url points at a private address, which this server does not allow.");
            }
        }
        return uri;
    }

    private static boolean uniqueLocal(InetAddress a) {
        return a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
    }

    private static boolean sharedSpace(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    }
}
