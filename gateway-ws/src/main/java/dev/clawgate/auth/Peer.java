package dev.clawgate.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where a connection comes from, as far as trust goes. Only a connection that is on loopback, came through no
 * proxy and carries no browser {@code Origin} counts as {@link #local()}: a proxy on this machine makes remote
 * clients look local, and a web page in a local browser is not the machine's owner.
 *
 * @param address the socket's remote address (an IP literal)
 * @param origin the upgrade request's {@code Origin} header, null when absent (non-browser clients)
 * @param proxied the upgrade carried {@code Forwarded}, {@code X-Forwarded-*} or {@code X-Real-IP}
 */
public record Peer(String address, String origin, boolean proxied) {

  public static Peer direct(String address) {
    return new Peer(address, null, false);
  }

  /** The socket is on 127.0.0.0/8 or ::1 (also as an IPv4-mapped IPv6 address). */
  public boolean loopback() {
    return isLoopback(address);
  }

  /** Trusted as this machine's own user: loopback, no proxy, no browser. */
  public boolean local() {
    return loopback() && !proxied && origin == null;
  }

  /**
   * The bucket failed attempts count in: the address, except for a browser page on loopback, which is counted
   * per origin so one hostile page cannot lock out another.
   */
  public String rateLimitKey() {
    if (loopback() && origin != null) {
      return "browser-origin:" + origin.trim().toLowerCase(Locale.ROOT);
    }
    return address;
  }

  static boolean isLoopback(String address) {
    if (address == null || address.isEmpty() || !address.matches("[0-9A-Fa-f:.%\\[\\]]+")) {
      return false; // not an IP literal: never resolve names here
    }
    String literal = address.startsWith("[") && address.endsWith("]")
        ? address.substring(1, address.length() - 1) : address;
    int zone = literal.indexOf('%');
    if (zone >= 0) {
      literal = literal.substring(0, zone);
    }
    try {
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
