package io.smtplog.core.session;

import io.smtplog.core.model.Peer;

/**
 * Reads the server's name and address from what transcript tools say when they connect
 * (transcript-formats reference sections 3, 6, 7): swaks "Trying 127.0.0.2:2525..." and
 * "Connected to mx.example.org.", telnet "Trying 198.51.100.7...", smtplib "('mx.example.org', 25)",
 * Sendmail "... while talking to mx.example.org.:", a test server's "Connection request from
 * [127.0.0.1]". Stateless.
 */
final class NotePeers {
  /** The peer of a note that names none. */
  static final Peer UNNAMED = new Peer("unknown", "", Peer.NO_PORT);

  private NotePeers() {}

  static Peer peerOf(String text) {
    String t = text.strip();
    for (String prefix : new String[] {"Trying ", "Connected to ", "... while talking to ", "Connecting to ",
        "Connection request from "}) {
      if (t.startsWith(prefix)) {
        return named(t.substring(prefix.length()));
      }
    }
    if (t.startsWith("('") || t.startsWith("(\"")) {
      int close = t.indexOf(t.charAt(1), 2);
      int comma = t.indexOf(", ", close);
      int end = t.indexOf(')', comma);
      if (close > 2 && comma > 0 && end > comma) {
        String host = t.substring(2, close);
        return peer(host, t.substring(comma + 2, end).strip());
      }
    }
    return UNNAMED;
  }

  /** What a later note adds to what an earlier one said: its name, and the address or port only it knew. */
  static Peer merge(Peer earlier, Peer later) {
    if (earlier == UNNAMED) {
      return later;
    }
    String address = later.address().isEmpty() ? earlier.address() : later.address();
    int port = later.port() == Peer.NO_PORT ? earlier.port() : later.port();
    return new Peer(later.hostname(), address, port);
  }

  /** "127.0.0.2:2525...", "mx.example.org.", "[127.0.0.1]", "mx.example.org.:" */
  private static Peer named(String rest) {
    String s = rest.strip();
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == ':')) {
      end--;
    }
    s = s.substring(0, end);
    int space = s.indexOf(' ');
    if (space > 0) {
      s = s.substring(0, space); // "127.0.0.1 port 1225 ... connected"
    }
    if (s.startsWith("[") && s.endsWith("]")) {
      return new Peer("unknown", s.substring(1, s.length() - 1), Peer.NO_PORT);
    }
    int colon = s.lastIndexOf(':');
    if (colon > 0 && s.indexOf(':') == colon) {
      return peer(s.substring(0, colon), s.substring(colon + 1));
    }
    return s.isEmpty() ? UNNAMED : peer(s, "");
  }

  private static Peer peer(String host, String port) {
    int p = Peer.NO_PORT;
    if (!port.isEmpty() && port.length() <= 5 && port.chars().allMatch(Character::isDigit)) {
      p = Integer.parseInt(port);
      p = p <= 65535 ? p : Peer.NO_PORT;
    }
    boolean address = !host.isEmpty() && host.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == ':');
    return address ? new Peer(host, host, p) : new Peer(host, "", p);
  }
}
