package io.smtplog.core.ingest.transcript;

import java.util.Locale;
import java.util.Optional;

/**
 * How an SMTP dialogue is written down (transcript-formats reference). Each names how client and
 * server lines are told apart; a file is read in one notation, detected from its first lines.
 */
public enum TranscriptNotation {
  /** RFC style "S: " server, "C: " client (RFC 5321 section 3.5.1, Appendix D). */
  RFC("rfc", "C: MAIL FROM:<Smith@bar.com>"),
  /** RFC 821 style: "S: " is the sender (the client), "R: " the receiver (the server). */
  RFC821("rfc821", "R: 250 OK"),
  /** swaks: "=== " notes, " -> " / " ~> " sent, "<- " / "<~ " / "<** " received (section 3). */
  SWAKS("swaks", "<** 550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown"),
  /** Exim debug output: "SMTP<< " / "SMTP>> " as server, indented as client (section 5). */
  EXIM_DEBUG("exim-debug", " 4712   SMTP<< 251 2.1.5 user not local; will forward to <bob@example.net>"),
  /** "&gt;&gt;&gt; " sent and "&lt;&lt;&lt; " received: Sendmail bounce transcripts, the Exim test client. */
  ARROWS("arrows", "<<< 551 5.1.6 User not local; please try <bob@example.net>"),
  /** Python smtplib debug: "send: 'rcpt TO:&lt;x&gt;\r\n'", "reply: b'250 Ok\r\n'" (section 7). */
  SMTPLIB("smtplib", "reply: b'251 2.1.5 will forward to <bob@example.net>\\r\\n'"),
  /** Postfix's mailed transcripts: "Out: " and "In:  " lines (section 4). */
  POSTFIX_NOTICE("postfix-notice", "In:  RCPT TO:<bob@example.org>"),
  /** A bare telnet or netcat session: replies by their code, everything else typed by the client (section 6). */
  BARE("bare", "250 2.1.5 Ok");

  private final String id;
  private final String example;

  TranscriptNotation(String id, String example) {
    this.id = id;
    this.example = example;
  }

  public String id() {
    return id;
  }

  public String example() {
    return example;
  }

  public static Optional<TranscriptNotation> ofId(String id) {
    String wanted = id.toLowerCase(Locale.ROOT);
    for (TranscriptNotation n : values()) {
      if (n.id.equals(wanted)) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }

  /**
   * The notation of one line, by its signature (transcript-formats reference section 8), or null
   * when the line has none. "S:" lines are RFC; whether a file is RFC 821 style is decided by its
   * "R:" lines (see {@link TranscriptDetector}). Bare reply lines say {@link #BARE}.
   */
  static TranscriptNotation signatureOf(String line) {
    int n = line.length();
    if (n < 3) {
      return null;
    }
    if (line.startsWith("=== ") || line.startsWith(" -> ") || line.startsWith(" ~> ") || line.startsWith("<-  ")
        || line.startsWith("<~  ") || line.startsWith("<** ") || line.startsWith("<~* ") || line.startsWith("**> ")
        || line.startsWith("*~> ")) {
      return SWAKS;
    }
    int i = 0;
    while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    if (line.startsWith(">>> ", i) || line.startsWith("<<< ", i)) {
      return ARROWS;
    }
    if (line.startsWith("S: ", i) || line.startsWith("C: ", i)) {
      return RFC;
    }
    if (line.startsWith("R: ", i)) {
      return RFC821;
    }
    if (line.startsWith("send: ", i) || line.startsWith("reply: ", i)) {
      return SMTPLIB;
    }
    if (line.startsWith("Out: ", i) || line.startsWith("In:  ", i)) {
      return POSTFIX_NOTICE;
    }
    if (EximDebugLine.isSmtpLine(line)) {
      return EXIM_DEBUG;
    }
    if (i == 0 && TranscriptLineParser.isReplyLine(line, 0)) {
      return BARE;
    }
    return null;
  }
}
