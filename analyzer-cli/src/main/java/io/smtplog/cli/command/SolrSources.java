package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.core.report.format.SafeText;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name an ingest's documents and positions go under in a collection ({@code --source}): several hosts ship into one. */
final class SolrSources {
  /** Longer names are refused: they are ids, not prose. */
  static final int MAX_LENGTH = 100;

  private SolrSources() {}

  /** {@code given}, checked, or this machine's host name. */
  static String name(String given) {
    String name = given != null ? given : hostName();
    if (name.isBlank() || name.length() > MAX_LENGTH || !name.chars().allMatch(c -> c > 0x20 && c != 0x7f)) {
      throw new UserError(ExitCodes.USAGE, "--source '" + SafeText.stripControls(name) + "': give a name of 1 to "
          + MAX_LENGTH + " characters without spaces or control characters (this host's name, say)");
    }
    return name;
  }

  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
