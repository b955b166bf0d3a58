package io.smtplog.core.ingest.exim;

import io.smtplog.core.model.Severity;

/**
 * The Exim entries that carry no event, and the phrases of those that end a session or report a
 * daemon problem, from the texts of Exim's source (exim-log-format reference sections 4, 6.5, 6.6;
 * {@code smtp_in.c}, {@code daemon.c}, {@code deliver.c}, {@code queue.c}, {@code tls-*.c}).
 * Matching is by leading phrase, so an operator's own {@code logwrite} text is not mistaken for one
 * of them. Stateless.
 */
final class EximKnownLines {
  private EximKnownLines() {}

  /** Phrases that end an SMTP session, each followed by the client's host. */
  private static final String[] SESSION_ENDS = {
      "no MAIL in SMTP connection from ",
      "SMTP command timeout on connection from ",
      "SMTP command timeout on TLS connection from ",
      "SMTP data timeout (message abandoned) on connection from ",
      "SMTP data timeout (message abandoned) on TLS connection from ",
      "unexpected disconnection while reading SMTP command from ",
      "unexpected disconnection while reading SMTP data from ",
      "SMTP call from ",
      "SMTP incomplete message (no terminating dot) from ",
  };

  /** Known entries without a message id, by leading phrase, with the name counted for them. */
  private static final String[][] OTHER = {
      {"Start queue run", "queue run"},
      {"End '", "queue run"},
      {"ATRN ", "ATRN"},
      {"ignoring AUTH=", "AUTH= ignored"},
      {"DKIM: ", "DKIM"},
      {"End queue run", "queue run"},
      {"Start ", "queue run"},
      {"exim ", "daemon start"},
      {"daemon started", "daemon start"},
      {"pid written to ", "daemon start"},
      {"Connections=", "connection count"},
      {"ETRN ", "ETRN"},
      {"refused connection from ", "connection refused"},
      {"Connection from ", "connection refused"},
      {"no host name found for IP address ", "host lookup"},
      {"no IP address found for host ", "host lookup"},
      {"host name alias list truncated", "host lookup"},
      {"SMTP syntax error in ", "protocol error"},
      {"SMTP protocol error in ", "protocol error"},
      {"too many recipients", "recipient limit"},
      {"sender verify defer", "verify"},
      {"sender verify fail", "verify"},
      {"recipient verify defer", "verify"},
      {"recipient verify fail", "verify"},
      {"VRFY ", "VRFY"},
      {"EXPN ", "EXPN"},
      {"timed out while reading local message", "local submission"},
      {"ridiculously long message header", "message abandoned"},
      {"overlong message header line", "message abandoned"},
      {"SIGHUP received", "daemon signal"},
      {"pid ", "daemon signal"},
      {"Queue run", "queue run"},
      {"Completed", "completed"},
      {"TLS session ", "TLS"},
      {"cwd=", "debug"},
      {"SSL verify error", "TLS"},
  };

  /** Known notes about a message (entries with a message id and no flag). */
  private static final String[][] MESSAGE = {
      {"Frozen", "frozen"},
      {"Message is frozen", "frozen"},
      {"Unfrozen", "frozen"},
      {"unfrozen by", "frozen"},
      {"local_scan() function ", "local_scan"},
      {"no recipients found in headers", "no recipients"},
      {"frozen by", "frozen"},
      {"thawed by", "frozen"},
      {"removed by ", "removed"},
      {"removed (", "removed"},
      {"cancelled by ", "removed"},
      {"SMTP error from remote ", "remote error"},
      {"SMTP timeout after ", "remote error"},
      {"Remote host closed connection", "remote error"},
      {"Failed to connect to ", "remote error"},
      {"retry time not reached", "retry"},
      {"spool file is locked", "locked"},
      {"Spool file is locked", "locked"},
      {"spool file not found", "locked"},
      {"DKIM: ", "DKIM"},
      {"ARC: ", "ARC"},
      {"SA: ", "SpamAssassin"},
      {"SpamAssassin ", "SpamAssassin"},
      {"Sender identification ", "sender identification"},
      {"Server certificate revoked", "TLS"},
      {"Required TLS certificate status", "TLS"},
      {"OCSP dates invalid", "TLS"},
      {"no immediate delivery", "queued only"},
      {"original recipients ignored", "recipients ignored"},
      {"Message ", "message note"},
      {"message ", "message note"},
      {"tls_", "TLS"},
      {"TLS ", "TLS"},
      {"==", "deferral"},
      {"Error while ", "error"},
      {"SMTP connection lost", "connection lost"},
      {"moved from ", "queue move"},
      {"DANE ", "TLS"},
      {"qualify/rewrite: ", "address rewrite"},
      {"SSL verify error", "TLS"},
      {"error ", "error"},
  };

  /** Known phrases after the host fields ({@code H=... TEXT}). */
  private static final String[][] AFTER_HOST = {
      {"sender verify fail for ", "verify"},
      {"sender verify defer for ", "verify"},
      {"recipient verify fail for ", "verify"},
      {"recipient verify defer for ", "verify"},
      {"incomplete transaction ", "incomplete transaction"},
      {": SMTP error from remote ", "remote error"},
      {"SMTP error from remote ", "remote error"},
      {": SMTP timeout after ", "remote error"},
      {": Remote host closed connection", "remote error"},
      {": Connection refused", "remote error"},
      {": Connection timed out", "remote error"},
      {"Connection refused", "remote error"},
      {"Connection timed out", "remote error"},
      {"dropped: ", "session dropped"},
      {"ETRN ", "ETRN"},
      {"VRFY ", "VRFY"},
      {"EXPN ", "EXPN"},
      {"DKIM: ", "DKIM"},
      {"tls_", "TLS"},
  };

  /** The index of the host after a session-ending phrase at {@code p}, or -1. */
  static int sessionEndPhrase(String line, int p) {
    for (String phrase : SESSION_ENDS) {
      if (line.startsWith(phrase, p)) {
        return p + phrase.length();
      }
    }
    return -1;
  }

  /** The kind name of a known entry without an event at {@code p}, or null. */
  static String kind(String line, int p, boolean ofMessage) {
    String found = match(ofMessage ? MESSAGE : OTHER, line, p);
    if (found != null || !ofMessage) {
      return found;
    }
    if (line.indexOf(": error ignored", p) > 0) {
      return "error ignored";
    }
    int space = line.indexOf(' ', p);
    if (space > p && line.startsWith(" router: ", space)) {
      return "router note"; // "r1 router: skipped error: ..." (route.c)
    }
    if (line.indexOf(" transport output: ", p) > 0) {
      return "transport output"; // "<|/bin/prog>: address_pipe transport output: ..." (transports/pipe.c)
    }
    return null;
  }

  /**
   * Notes about a message that no other text starts with: after a word that is not in Exim's id
   * layout, only these make it a message id (the general ones, "error ...", "TLS ...", "message
   * ...", also start daemon diagnostics and logwrite texts).
   */
  private static final String[] DISTINCT_MESSAGE_NOTES = {
      "Frozen", "Message is frozen", "Unfrozen by", "SMTP error from remote ", "SMTP timeout after ",
      "Remote host closed connection", "Failed to connect to ", "retry time not reached", "spool file is locked",
      "Spool file is locked", "no immediate delivery", "removed by ", "cancelled by ",
  };

  /** True when a note that only a message's entry starts with ("Frozen", "SMTP error from remote ...") is at {@code p}. */
  static boolean isMessageNote(String line, int p) {
    for (String note : DISTINCT_MESSAGE_NOTES) {
      if (line.startsWith(note, p)) {
        return true;
      }
    }
    return false;
  }

  /** The kind name of a known entry whose text follows the host fields, or null. */
  static String afterHost(String line, int p) {
    return match(AFTER_HOST, line, p);
  }

  /** The severity of a daemon diagnostic at {@code p} (TLS failures, configuration errors...), or null. */
  static Severity diagnostic(String line, int p) {
    if (line.startsWith("TLS error on ", p) || line.startsWith("TLS client ", p) || line.startsWith("TLS ", p)
        || line.startsWith("Warning: ", p) || line.startsWith("WARNING: ", p) || line.startsWith("spam acl condition", p)
        || line.startsWith("malware acl condition", p) || line.indexOf(" authenticator (", p) > 0
        || line.startsWith("ACL \"warn\"", p)) {
      return Severity.WARNING;
    }
    if (line.startsWith("Exim configuration error", p) || line.startsWith("failed to expand ", p)
        || line.startsWith("Failed to ", p) || line.startsWith("failed to ", p) || line.startsWith("Cannot ", p)
        || line.startsWith("cannot ", p) || line.startsWith("Unable to ", p) || line.startsWith("unable to ", p)
        || line.startsWith("spool directory space check failed", p) || line.startsWith("exec of ", p)
        || line.startsWith("bind of ", p) || line.startsWith("invalid ", p) || line.startsWith("Error ", p)
        || line.startsWith("error ", p) || line.startsWith("configured error code", p)
        || line.startsWith("Expansion of ", p) || line.startsWith("expansion of ", p) || line.startsWith("Tainted ", p)
        || line.startsWith("tainted ", p) || line.indexOf(" failed to expand", p) > 0
        || line.startsWith("re-exec of exim", p) || line.startsWith("ACL for ", p)) {
      return Severity.ERROR;
    }
    return null;
  }

  /**
   * How Exim's own records of mail start (a delivery flag, a reject, a completion): an entry that
   * starts so but matches no known shape is a problem, not an ACL's {@code logwrite} text. Words
   * inside a text do not count: a logwrite may quote a reply that says "rejected".
   */
  private static final String[] EVENT_STARTS = {
      "<= ", "(= ", "=> ", "-> ", ">> ", "*> ", "** ", "== ", "rejected ", "temporarily rejected ", "Completed",
      "SMTP connection ",
  };

  /** True when the unknown entry at {@code p} starts like one of Exim's own records of mail. */
  static boolean looksLikeEvent(String line, int p) {
    for (String start : EVENT_STARTS) {
      if (line.startsWith(start, p)) {
        return true;
      }
    }
    return false;
  }

  private static String match(String[][] table, String line, int p) {
    for (String[] entry : table) {
      if (line.startsWith(entry[0], p)) {
        return entry[1];
      }
    }
    return null;
  }
}
