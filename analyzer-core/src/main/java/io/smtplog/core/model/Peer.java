package io.smtplog.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A network peer as mail servers log it: {@code host[address]} with an optional {@code :port}
 * (Postfix "namaddr"/"namaddrport"). The address may also be a socket path
 * ({@code mail.example.com[private/dovecot-lmtp]}). Immutable.
 */
public record Peer(String hostname, String address, int port) {
  public static final int NO_PORT = -1;

  public Peer {
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(address, "address");
    hostname.hashCode(); // cached by String: computed on the parser thread, not in correlation
    address.hashCode();
  }

  /**
   * Parses {@code host[addr]} or {@code host[addr]:port} (the whole string). Returns empty for any
   * other shape; never throws.
   */
  public static Optional<Peer> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int open = text.indexOf('[');
    int close = text.lastIndexOf(']');
    if (open <= 0 && !(open == 0 && close > 0) || close < open) {
      return Optional.empty();
    }
    int port = NO_PORT;
    if (close + 1 < text.length()) {
      if (text.charAt(close + 1) != ':' || close + 2 >= text.length()) {
        return Optional.empty();
      }
      port = parsePort(text, close + 2);
      if (port == NO_PORT) {
        return Optional.empty();
      }
    }
    return Optional.of(new Peer(text.substring(0, open), text.substring(open + 1, close), port));
  }

  private static int parsePort(String text, int from) {
    int value = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9' || i - from > 5) {
        return NO_PORT;
      }
      value = value * 10 + (c - '0');
    }
    return value <= 65535 ? value : NO_PORT;
  }

  /** True when the bracketed part is an IPv4 or IPv6 address rather than a socket path. */
  public boolean isNetworkAddress() {
    int n = address.length();
    if (n == 0) {
      return false;
    }
    int from = address.startsWith("IPv6:") ? 5 : 0;
    boolean colon = from > 0 || address.indexOf(':') >= 0;
    for (int i = from; i < n; i++) {
      char c = address.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || c == '.'
          || (colon && (c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  // Hand-written: peers are hash keys on the hot path (relay host counts).
  @Override
  public boolean equals(Object other) {
    return other instanceof Peer p && port == p.port && address.equals(p.address) && hostname.equals(p.hostname);
  }

  @Override
  public int hashCode() {
    return (hostname.hashCode() * 31 + address.hashCode()) * 31 + port;
  }

  /** The form mail servers log: {@code host[addr]:port}, without the port when there is none. */
  @Override
  public String toString() {
    return port == NO_PORT ? hostname + "[" + address + "]" : hostname + "[" + address + "]:" + port;
  }
}
