package io.smtplog.solr;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A Postfix log of many distinct messages, each received, queued and delivered (or bounced), for
 * ingests that take several batches (the bench generator lives in analyzer-cli, which depends on this module).
 */
final class GeneratedLog {
  private GeneratedLog() {}

  /** Writes {@code messages} messages (7 lines each) to {@code file}, to 97 recipient domains. */
  static Path write(Path file, int messages) throws IOException {
    return write(file, messages, 97);
  }

  /**
   * Writes {@code messages} messages (7 lines each) to {@code file}, to {@code domains} recipient
   * domains; their delays are spread from 0 to an hour, to the hundredth of a second.
   */
  static Path write(Path file, int messages, int domains) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < messages; i++) {
        int second = 10 * 3600 + i;
        String stamp = String.format(Locale.ROOT, "Nov 29 %02d:%02d:%02d mx1 postfix/", second / 3600 % 24,
            second / 60 % 60, second % 60);
        String qid = String.format(Locale.ROOT, "%011X", 0x1000000L + i);
        int smtpd = 1000 + i % 500;
        int smtp = 2000 + i % 300;
        String client = "10.0." + (i / 250 % 250) + "." + (i % 250 + 1);
        String domain = "d" + (i % domains) + ".example";
        String delay = String.format(Locale.ROOT, "%d.%02d", i * 7919L % 360_000 / 100, i * 7919L % 100);
        boolean bounce = i % 13 == 0;
        out.write(stamp + "smtpd[" + smtpd + "]: connect from unknown[" + client + "]\n");
        out.write(stamp + "smtpd[" + smtpd + "]: " + qid + ": client=unknown[" + client + "]\n");
        out.write(stamp + "cleanup[" + (3000 + i % 7) + "]: " + qid + ": message-id=<" + i + "@gen.test>\n");
        out.write(stamp + "smtpd[" + smtpd + "]: disconnect from unknown[" + client
            + "] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5\n");
        out.write(stamp + "qmgr[900]: " + qid + ": from=<s" + i + "@gen.test>, size=" + (1000 + i % 5000)
            + ", nrcpt=1 (queue active)\n");
        out.write(stamp + "smtp[" + smtp + "]: " + qid + ": to=<r" + i + "@" + domain + ">, relay=mx." + domain
            + "[192.0.2." + (i % domains + 1) + "]:25, delay=" + delay + ", delays=0.1/0/0.2/0.2, "
            + (bounce ? "dsn=5.1.1, status=bounced (host mx." + domain + "[192.0.2." + (i % domains + 1)
                + "] said: 550 5.1.1 User unknown (in reply to RCPT TO command))"
                : "dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as " + i + ")") + "\n");
        out.write(stamp + "qmgr[900]: " + qid + ": removed\n");
      }
    }
    return file;
  }
}
