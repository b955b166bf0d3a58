package io.smtplog.cli.serve;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** {@code --listen HOST:PORT} ({@code [::1]:8025} for an IPv6 address), resolved. */
record Listen(InetSocketAddress address) {
  static final String DEFAULT = "127.0.0.1:8025";

  /** Parses {@code HOST:PORT}; a bad one is an {@link IllegalArgumentException} with one line for a person. */
  static Listen parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("--listen must be HOST:PORT (e.g. " + DEFAULT + "), was '" + text + "'");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--listen: the port must be 0..65535, was '" + text.substring(colon + 1) + "'");
    }
    try {
      return new Listen(new InetSocketAddress(InetAddress.getByName(host), port));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--listen: unknown host '" + host + "'");
    }
  }

  /** True when only this machine can connect: a loopback address (127.0.0.0/8, ::1). */
  boolean loopback() {
    return address.getAddress().isLoopbackAddress();
  }
}
