package io.smtplog.core.ingest;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of input smtplog reads. Each file's kind is detected from its first lines
 * ({@code --input-format} overrides it); a syslog stream may carry Postfix and Exim lines together,
 * told apart line by line by their program tag.
 */
public enum InputFormat {
  /** A syslog stream: Postfix, and Exim when it logs through syslog, among other programs. */
  SYSLOG("syslog", "Postfix and Exim lines in a syslog file (maillog, mail.log, journalctl -o short)",
      "Jun 12 06:35:24 mx postfix/smtp[4711]: 4BxQ2k0fJmz9v: to=<bob@example.org>, relay=mx.example.org"
          + "[203.0.113.5]:25, delay=1.2, delays=0.1/0/0.6/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok)"),
  /** Exim's own log files: mainlog, rejectlog, paniclog. */
  EXIM("exim", "Exim's mainlog, rejectlog and paniclog files",
      "2024-05-01 10:00:03 1s2AbC-00000001Xy-0a1B => bob@example.org R=dnslookup T=remote_smtp"
          + " H=mx.example.org [203.0.113.5] C=\"250 2.0.0 OK\" QT=2s"),
  /** A raw SMTP dialogue in any of the notations of {@code TranscriptNotation}. */
  TRANSCRIPT("transcript", "an SMTP dialogue: S:/C:, swaks, Exim -d, telnet, smtplib, >>>/<<<",
      "<~* 551 5.1.6 User not local; please try <bob@example.net>"),
  /** The systemd journal exported with {@code journalctl -o json}: one JSON entry per line. */
  JOURNAL("journal", "the systemd journal as journalctl -o json writes it (Postfix and Exim entries)",
      "{\"__REALTIME_TIMESTAMP\":\"1718174124513202\",\"_HOSTNAME\":\"mx\",\"SYSLOG_IDENTIFIER\":\"postfix/qmgr\","
          + "\"SYSLOG_PID\":\"4711\",\"MESSAGE\":\"4BxQ2k0fJmz9v: removed\"}");

  private final String id;
  private final String description;
  private final String example;

  InputFormat(String id, String description, String example) {
    this.id = id;
    this.description = description;
    this.example = example;
  }

  /** The name users type and reports print: "syslog", "exim", "transcript". */
  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  /** One typical line of this format. */
  public String example() {
    return example;
  }

  /** The format named {@code id} (case-insensitive), or empty. */
  public static Optional<InputFormat> ofId(String id) {
    String wanted = id.toLowerCase(Locale.ROOT);
    for (InputFormat f : values()) {
      if (f.id.equals(wanted)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
