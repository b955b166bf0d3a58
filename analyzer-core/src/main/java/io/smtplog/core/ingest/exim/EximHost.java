package io.smtplog.core.ingest.exim;

import io.smtplog.core.model.Peer;

/**
 * Reads a host as Exim logs it in {@code H=} and in connection lines (exim-log-format reference
 * sections 5 and 6.1): {@code name [ip]}, {@code (helo) [ip]}, {@code name (helo) [ip]}, a bare
 * {@code [ip]}, each with an optional {@code :port} and, on deliveries, {@code *} for a reused
 * connection; {@code DS} may stand between the name and the address. Only the bracketed address is
 * trustworthy: the name is the verified reverse lookup, the parenthesised part what the client said.
 * Not thread-safe; reused per line.
 */
final class EximHost {
  /** The name shown when a host has no verified name (Postfix writes the same). */
  static final String UNKNOWN = "unknown";

  private String name;
  private String helo;
  private String address;
  private int port;
  private int end;

  /**
   * Parses a host at {@code from}. Returns false when no bracketed address follows within the
   * field (then nothing is set); a bare name ("H=localhost" on old deliveries) is not a host here.
   */
  boolean parse(String line, int from) {
    int n = line.length();
    int i = from;
    String hostName = null;
    String heloName = "";
    if (i < n && line.charAt(i) != '[' && line.charAt(i) != '(') {
      int space = EximFields.wordEnd(line, i);
      hostName = line.substring(i, space);
      i = space + 1;
    }
    if (i < n && line.charAt(i) == '(') {
      int close = closingParen(line, i);
      if (close < 0) {
        return false;
      }
      heloName = line.substring(i + 1, close);
      i = close + 2;
    }
    if (i + 3 < n && line.startsWith("DS ", i)) {
      i += 3;
    }
    if (i >= n || line.charAt(i) != '[') {
      return false;
    }
    int close = line.indexOf(']', i);
    if (close < 0 || line.indexOf(' ', i) > 0 && line.indexOf(' ', i) < close) {
      return false;
    }
    String ip = line.substring(i + 1, close);
    i = close + 1;
    int parsedPort = Peer.NO_PORT;
    if (i < n && line.charAt(i) == ':') {
      int p = i + 1;
      int value = 0;
      while (p < n && p - i <= 6 && line.charAt(p) >= '0' && line.charAt(p) <= '9') {
        value = value * 10 + (line.charAt(p) - '0');
        p++;
      }
      if (p > i + 1 && value <= 65535) {
        parsedPort = value;
        i = p;
      } else {
        i = EximFields.wordEnd(line, i); // "PORT_D" and the like: not a number, skipped
      }
    }
    if (i < n && line.charAt(i) == '*') {
      i++;
    }
    this.name = hostName == null ? UNKNOWN : hostName;
    this.helo = heloName;
    this.address = ip;
    this.port = parsedPort;
    this.end = i;
    return true;
  }

  /** The parenthesis closing the one at {@code open}, where a space or the end follows; -1 if none. */
  private static int closingParen(String line, int open) {
    int depth = 0;
    for (int i = open; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i + 1 < line.length() && line.charAt(i + 1) == ' ' ? i : -1;
      }
    }
    return -1;
  }

  Peer peer() {
    return new Peer(name, address, port);
  }

  String name() {
    return name;
  }

  String helo() {
    return helo;
  }

  int end() {
    return end;
  }
}
