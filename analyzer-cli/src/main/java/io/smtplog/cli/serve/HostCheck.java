package io.smtplog.cli.serve;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Without a token the server answers only requests addressed to a loopback name: a web page whose
 * name an attacker points at 127.0.0.1 (DNS rebinding) sends its own name as Host, and is refused,
 * so it cannot read the API through a browser on this machine. With a token, the token decides.
 */
final class HostCheck {
  /** The names of this machine that a browser sends when it opens the server's own address. */
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

  private HostCheck() {}

  /** Empty when {@code host} (the Host header, perhaps absent) names this machine's loopback; else the 403. */
  static Optional<WebReply> refusal(String host) {
    if (host == null || host.isEmpty()) {
      return Optional.empty();
    }
    String name = host.toLowerCase(Locale.ROOT);
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf(']')) {
      name = name.substring(0, colon);
    }
    if (LOOPBACK.contains(name) || name.startsWith("127.") && name.matches("127(\\.\\d{1,3}){3}")) {
      return Optional.empty();
    }
    return Optional.of(WebReply.error(403, "this server answers only requests to 127.0.0.1 or localhost (the Host was"
        + " not one of them): open it as http://127.0.0.1:PORT/, or give it --token-file"));
  }
}
