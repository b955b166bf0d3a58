package io.smtplog.cli.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a large, realistic Postfix log for benchmarks: smtpd sessions with TLS, accepted messages
 * with 1..4 recipients over ~2,000 domains (a few large, a long tail), deliveries that succeed,
 * defer and retry, bounce or expire, local deliveries, NOQUEUE rejects, bounce notifications,
 * warnings, occasional debug_peer transcripts with 250/251 RCPT replies, and lines of other
 * programs. Deterministic for a seed. Timestamps are traditional syslog, starting Dec 30 so the log
 * crosses a year boundary.
 */
public final class PostfixLogGenerator {
  private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
      "Nov", "Dec"};
  private static final String[] BIG = {"gmail.com", "outlook.com", "yahoo.com", "example.com", "example.net",
      "example.org", "icloud.com", "gmx.de", "web.de", "yandex.ru"};
  private static final String QID_CHARS = "0123456789ABCDEF";

  private final SplittableRandom random;
  private final Writer out;
  private long seconds;
  private long lines;
  private int pid = 1000;

  public PostfixLogGenerator(Writer out, long seed) {
    this.out = new BufferedWriter(out, 1 << 16);
    this.random = new SplittableRandom(seed);
    this.seconds = LocalDateTime.of(2025, 12, 30, 0, 0).toEpochSecond(ZoneOffset.UTC);
  }

  /** Writes messages until at least {@code targetBytes} were written; returns the number of lines. */
  public long generate(long targetBytes) throws IOException {
    long written = 0;
    StringBuilder sb = new StringBuilder(4096);
    while (written < targetBytes) {
      sb.setLength(0);
      session(sb);
      out.append(sb);
      written += sb.length();
    }
    out.flush();
    return lines;
  }

  private void session(StringBuilder sb) {
    seconds += random.nextInt(3);
    int smtpd = nextPid();
    String client = "mail" + random.nextInt(5000) + ".client" + random.nextInt(300) + ".example";
    String ip = "198.51." + random.nextInt(100) + "." + random.nextInt(1, 255);
    String peer = client + "[" + ip + "]";
    line(sb, "postfix/smtpd", smtpd, "connect from " + peer);
    if (random.nextInt(4) == 0) {
      line(sb, "postfix/smtpd", smtpd, "Anonymous TLS connection established from " + peer
          + ": TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature"
          + " RSA-PSS (2048 bits) server-digest SHA256");
    }
    int roll = random.nextInt(100);
    if (roll < 8) {
      String rcpt = user() + "@" + domain();
      line(sb, "postfix/smtpd", smtpd, "NOQUEUE: reject: RCPT from " + peer + ": 554 5.7.1 <" + rcpt
          + ">: Relay access denied; from=<" + user() + "@" + domain() + "> to=<" + rcpt + "> proto=ESMTP helo=<"
          + client + ">");
      line(sb, "postfix/smtpd", smtpd, "disconnect from " + peer + " ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4");
      return;
    }
    if (roll < 10) {
      line(sb, "postfix/smtpd", smtpd, "warning: hostname " + client + " does not resolve to address " + ip);
    }
    if (roll < 12) {
      line(sb, "dovecot", nextPid(), "imap-login: Login: user=<" + user() + ">, method=PLAIN, rip=" + ip);
    }
    String qid = qid();
    line(sb, "postfix/smtpd", smtpd, qid + ": client=" + peer);
    line(sb, "postfix/cleanup", nextPid(), qid + ": message-id=<" + seconds + "." + qid + "@" + client + ">");
    String sender = user() + "@" + domain();
    int rcpts = 1 + (random.nextInt(10) == 0 ? random.nextInt(4) : 0);
    int size = 800 + random.nextInt(200_000);
    line(sb, "postfix/qmgr", 900, qid + ": from=<" + sender + ">, size=" + size + ", nrcpt=" + rcpts
        + " (queue active)");
    line(sb, "postfix/smtpd", smtpd, "disconnect from " + peer + " ehlo=1 mail=1 rcpt=" + rcpts + " data=1 quit=1 commands="
        + (rcpts + 4));
    int smtp = nextPid();
    boolean transcript = random.nextInt(50) == 0;
    boolean expired = false;
    for (int r = 0; r < rcpts; r++) {
      String domain = domain();
      String rcpt = user() + "@" + domain;
      int fate = random.nextInt(100);
      String relay = "mx" + random.nextInt(3) + "." + domain + "[203.0." + random.nextInt(256) + "."
          + random.nextInt(1, 255) + "]:25";
      if (transcript) {
        String reply = fate < 5 ? "251 2.1.5 User not local; will forward to <" + user() + "@forward.example>"
            : "250 2.1.5 Ok";
        line(sb, "postfix/smtp", smtp, "> " + relay + ": RCPT TO:<" + rcpt + ">");
        line(sb, "postfix/smtp", smtp, "< " + relay + ": " + reply);
      }
      if (fate < 70) {
        delivery(sb, smtp, qid, rcpt, relay, "2.0.0", "sent", "250 2.0.0 Ok: queued as " + qid());
      } else if (fate < 78) {
        delivery(sb, 0, qid, user() + "@mx1.local.example", "local", "2.0.0", "sent", "delivered to mailbox");
      } else if (fate < 88) {
        int retries = 1 + random.nextInt(3);
        for (int i = 0; i < retries; i++) {
          delivery(sb, smtp, qid, rcpt, relay, "4.2.1", "deferred", "host " + relay.substring(0, relay.length() - 3)
              + " said: 450 4.2.1 Mailbox busy, try again later (in reply to RCPT TO command)");
          seconds += random.nextInt(1, 30);
        }
        if (random.nextBoolean()) {
          delivery(sb, smtp, qid, rcpt, relay, "2.0.0", "sent", "250 2.0.0 Ok");
        } else {
          expired = true;
        }
      } else if (fate < 96) {
        delivery(sb, smtp, qid, rcpt, relay, "5.1.1", "bounced", "host " + relay.substring(0, relay.length() - 3)
            + " said: 550-5.1.1 The email account that you tried to reach does not exist. 550 5.1.1 Please check"
            + " the address (in reply to RCPT TO command)");
        String ndr = qid();
        line(sb, "postfix/bounce", nextPid(), qid + ": sender non-delivery notification: " + ndr);
      } else {
        delivery(sb, smtp, qid, rcpt, "none", "4.4.1", "deferred", "connect to " + relay.substring(0, relay.indexOf('['))
            + "[203.0.113.9]:25: Connection timed out");
      }
    }
    if (expired) {
      line(sb, "postfix/qmgr", 900, qid + ": from=<" + sender + ">, status=expired, returned to sender");
    }
    line(sb, "postfix/qmgr", 900, qid + ": removed");
  }

  private void delivery(StringBuilder sb, int smtpPid, String qid, String rcpt, String relay, String dsn, String status,
      String text) {
    boolean local = relay.equals("local");
    double delay = random.nextInt(1, 500) / 100.0;
    line(sb, local ? "postfix/local" : "postfix/smtp", local ? nextPid() : smtpPid, qid + ": to=<" + rcpt + ">, relay="
        + relay + ", delay=" + String.format(Locale.ROOT, "%.2f", delay) + ", delays=0.01/0/0.02/"
        + String.format(Locale.ROOT, "%.2f", delay / 2) + ", dsn=" + dsn + ", status=" + status + " (" + text + ")");
  }

  private void line(StringBuilder sb, String tag, int pid, String text) {
    LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
    sb.append(MONTHS[t.getMonthValue() - 1]).append(' ');
    int day = t.getDayOfMonth();
    sb.append(day < 10 ? " " : "").append(day).append(' ');
    two(sb, t.getHour()).append(':');
    two(sb, t.getMinute()).append(':');
    two(sb, t.getSecond()).append(" mx1 ").append(tag).append('[').append(pid).append("]: ").append(text).append('\n');
    lines++;
  }

  private static StringBuilder two(StringBuilder sb, int v) {
    return sb.append(v < 10 ? "0" : "").append(v);
  }

  private int nextPid() {
    pid = pid >= 65000 ? 1000 : pid + 1 + random.nextInt(5);
    return pid;
  }

  private String qid() {
    char[] id = new char[11];
    for (int i = 0; i < id.length; i++) {
      id[i] = QID_CHARS.charAt(random.nextInt(16));
    }
    return new String(id);
  }

  private String user() {
    return "user" + random.nextInt(200_000);
  }

  private String domain() {
    int r = random.nextInt(100);
    if (r < 60) {
      return BIG[random.nextInt(BIG.length)];
    }
    return "d" + random.nextInt(2000) + ".example";
  }
}
