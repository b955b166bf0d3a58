package io.smtplog.cli.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a large, realistic Postfix log for benchmarks, in the record shapes of the
 * postfix-log-format reference (sections 3 to 8): smtpd sessions, some with TLS, each accepting a
 * message with one to four recipients at the domains of {@link RecipientDomains} or delivered
 * locally, or refusing it ({@code NOQUEUE: reject}: relay denied, greylisting, unknown local
 * user); smtp deliveries that succeed, bounce (with the non-delivery notification's own life:
 * cleanup, qmgr {@code from=<>}, delivery to the sender, removed), or are deferred (after RCPT,
 * or {@code relay=none} when the MX refuses connections) and retried from the deferred queue
 * until delivered, bounced, or expired ({@code status=expired, returned to sender}); a message is
 * {@code removed} only when no recipient is left; occasional {@code debug_peer_list} transcripts
 * with the RCPT replies (250, 251, and the 4xx/5xx of the attempt), warnings, and lines of other
 * programs.
 *
 * <p>The queue manager behaves as with {@code queue_run_delay = 300s}, {@code
 * minimal_backoff_time = 300s}, {@code maximal_backoff_time = 4000s} (the next attempt waits the
 * message's age, clipped to those bounds: qmgr_active.c) and {@code maximal_queue_lifetime = 8h},
 * a short lifetime as relays for time-sensitive mail set it. Deterministic for a {@link
 * GeneratorSettings}. Timestamps are traditional syslog, starting Dec 30 2025 (UTC), so the log
 * crosses a year boundary.
 */
public final class PostfixLogGenerator {
  private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
      "Nov", "Dec"};
  private static final String QID_CHARS = "0123456789ABCDEF";
  /** bounce(8) names its notifications {@code <yyyyMMddHHmmss.QUEUEID@myhostname>}. */
  private static final DateTimeFormatter NDR_STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
      .withZone(ZoneOffset.UTC);
  static final String LOCAL_DOMAIN = "mx1.local.example";
  private static final int QMGR_PID = 900;
  private static final long QUEUE_RUN_DELAY = 300_000L;
  private static final long MINIMAL_BACKOFF = 300_000L;
  private static final long MAXIMAL_BACKOFF = 4_000_000L;
  private static final long MAXIMAL_QUEUE_LIFETIME = 8 * 3_600_000L;

  private final SplittableRandom random;
  private final Writer out;
  private final RecipientDomains domains;
  /** Every sender a new address ({@link GeneratorSettings#distinct()}). */
  private final boolean distinct;
  private long senders;
  private final long meanGap;
  private long millis;
  private long lines;
  private int pid = 1000;
  private long nextQueueRun;
  /** Messages in the deferred queue, in the order they were deferred. */
  private final List<Queued> deferred = new ArrayList<>();

  /** A recipient still to be delivered: remote ({@code domain} >= 0) or local ({@code domain} -1). */
  private static final class Recipient {
    final String address;
    final int domain;
    Deferral deferral;
    long firstDeferral;

    Recipient(String address, int domain) {
      this.address = address;
      this.domain = domain;
    }
  }

  /** A message in the queue. */
  private static final class Queued {
    final String qid;
    final String sender;
    final int senderDomain;
    final int size;
    final int nrcpt;
    final long arrival;
    final List<Recipient> pending = new ArrayList<>(4);
    long nextRetry;

    Queued(String qid, String sender, int senderDomain, int size, int nrcpt, long arrival) {
      this.qid = qid;
      this.sender = sender;
      this.senderDomain = senderDomain;
      this.size = size;
      this.nrcpt = nrcpt;
      this.arrival = arrival;
    }
  }

  public PostfixLogGenerator(Writer out, GeneratorSettings settings) {
    this.out = new BufferedWriter(out, 1 << 16);
    this.random = new SplittableRandom(settings.seed());
    this.domains = new RecipientDomains(settings.domains(), settings.distinct());
    this.distinct = settings.distinct();
    this.meanGap = settings.meanGapMillis();
    this.millis = LocalDateTime.of(2025, 12, 30, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1000;
    this.nextQueueRun = millis + QUEUE_RUN_DELAY;
  }

  /**
   * Writes sessions and deferred-queue runs until at least {@code maxBytes} bytes or
   * {@code maxLines} lines were written, whichever comes first; returns the number of lines.
   */
  public long generate(long maxBytes, long maxLines) throws IOException {
    long written = 0;
    StringBuilder sb = new StringBuilder(1 << 16);
    while (written < maxBytes && lines < maxLines) {
      sb.setLength(0);
      millis += random.nextLong(2 * meanGap);
      if (millis >= nextQueueRun) {
        deferredQueueRun(sb);
        nextQueueRun += QUEUE_RUN_DELAY;
      } else {
        session(sb);
      }
      out.append(sb);
      written += sb.length();
    }
    out.flush();
    return lines;
  }

  // ---- smtpd ---------------------------------------------------------------------------------

  private void session(StringBuilder sb) {
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
    if (roll < 12) {
      String rcpt;
      String reply;
      if (roll < 8) {
        rcpt = user() + "@" + domains.name(domains.pick(random));
        reply = "554 5.7.1 <" + rcpt + ">: Relay access denied";
      } else if (roll < 10) {
        rcpt = user() + "@" + LOCAL_DOMAIN;
        reply = "450 4.2.0 <" + rcpt + ">: Recipient address rejected: Greylisted, see"
            + " https://postgrey.schweikert.ch/help/" + LOCAL_DOMAIN + ".html";
      } else {
        rcpt = "nouser" + random.nextInt(1000) + "@" + LOCAL_DOMAIN;
        reply = "550 5.1.1 <" + rcpt + ">: Recipient address rejected: User unknown in local recipient table";
      }
      line(sb, "postfix/smtpd", smtpd, "NOQUEUE: reject: RCPT from " + peer + ": " + reply + "; from=<" + user() + "@"
          + domains.name(domains.pickLive(random)) + "> to=<" + rcpt + "> proto=ESMTP helo=<" + client + ">");
      line(sb, "postfix/smtpd", smtpd, "disconnect from " + peer + " ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4");
      return;
    }
    if (roll < 14) {
      line(sb, "postfix/smtpd", smtpd, "warning: hostname " + client + " does not resolve to address " + ip);
    }
    if (roll < 16) {
      line(sb, "dovecot", nextPid(), "imap-login: Login: user=<" + user() + ">, method=PLAIN, rip=" + ip);
    }
    String qid = qid();
    line(sb, "postfix/smtpd", smtpd, qid + ": client=" + peer);
    millis += random.nextInt(5, 300);
    line(sb, "postfix/cleanup", nextPid(), qid + ": message-id=<" + millis / 1000 + "." + qid + "@" + client + ">");
    int senderDomain = domains.pickLive(random);
    String sender = (distinct ? "sender" + ++senders : user()) + "@" + domains.name(senderDomain);
    List<Recipient> to = recipients();
    Queued m = new Queued(qid, sender, senderDomain, 800 + random.nextInt(200_000), to.size(), millis);
    m.pending.addAll(to);
    line(sb, "postfix/qmgr", QMGR_PID, qid + ": from=<" + sender + ">, size=" + m.size + ", nrcpt=" + m.nrcpt
        + " (queue active)");
    line(sb, "postfix/smtpd", smtpd, "disconnect from " + peer + " ehlo=1 mail=1 rcpt=" + m.nrcpt
        + " data=1 quit=1 commands=" + (m.nrcpt + 4));
    attempt(sb, m, true);
    if (!m.pending.isEmpty()) {
      deferred.add(m);
    }
  }

  private List<Recipient> recipients() {
    int n = 1 + (random.nextInt(10) == 0 ? random.nextInt(4) : 0);
    List<Recipient> to = new ArrayList<>(n);
    int previous = -1;
    for (int i = 0; i < n; i++) {
      if (random.nextInt(100) < 8) {
        to.add(new Recipient(user() + "@" + LOCAL_DOMAIN, -1));
        continue;
      }
      int d = previous >= 0 && random.nextInt(10) < 3 ? previous : domains.pick(random);
      to.add(new Recipient(user() + "@" + domains.name(d), d));
      previous = d;
    }
    return to;
  }

  // ---- qmgr and the delivery agents ----------------------------------------------------------

  /** The deferred queue's scan: each message whose backoff has passed goes to the active queue again. */
  private void deferredQueueRun(StringBuilder sb) {
    Iterator<Queued> it = deferred.iterator();
    while (it.hasNext()) {
      Queued m = it.next();
      if (m.nextRetry <= millis) {
        millis += random.nextInt(1, 50);
        line(sb, "postfix/qmgr", QMGR_PID, m.qid + ": from=<" + m.sender + ">, size=" + m.size + ", nrcpt=" + m.nrcpt
            + " (queue active)");
        attempt(sb, m, false);
        if (m.pending.isEmpty()) {
          it.remove();
        }
      }
    }
  }

  /**
   * One pass of the message's pending recipients through the delivery agents: each is delivered,
   * bounced or deferred; then the message expires if it is older than the queue lifetime, a
   * non-delivery notification goes to the sender for what bounced or expired, and the message is
   * removed when nothing is left, or waits for its next attempt.
   */
  private void attempt(StringBuilder sb, Queued m, boolean first) {
    int smtp = nextPid();
    boolean transcript = first && random.nextInt(50) == 0;
    boolean bounced = false;
    Iterator<Recipient> it = m.pending.iterator();
    while (it.hasNext()) {
      Recipient r = it.next();
      millis += random.nextInt(5, 500);
      if (r.domain < 0) {
        delivery(sb, "postfix/local", nextPid(), m, r.address, "local", "2.0.0", "sent", "delivered to mailbox",
            false);
        it.remove();
        continue;
      }
      String relay = domains.mxHost(r.domain) + "[" + domains.mxAddress(r.domain) + "]";
      Deferral.Result result;
      String failReply = null;
      if (r.deferral == null) {
        int roll = random.nextInt(100);
        if (domains.isDead(r.domain) || (roll >= 84 && roll < 94)) {
          r.deferral = Deferral.draw(random, domains.isDead(r.domain));
          r.firstDeferral = millis;
          result = Deferral.Result.DEFERRED;
        } else if (roll < 84) {
          result = Deferral.Result.DELIVERED;
        } else {
          result = Deferral.Result.FAILED;
          failReply = "550 5.1.1 <" + r.address + ">: Recipient address rejected: User unknown";
        }
      } else {
        result = r.deferral.at(millis - r.firstDeferral);
        failReply = result == Deferral.Result.FAILED ? r.deferral.trouble().failReply() : null;
      }
      boolean connected = result != Deferral.Result.DEFERRED || r.deferral.trouble().deferReply() != null;
      if (transcript && connected) {
        String reply = switch (result) {
          case DELIVERED -> random.nextInt(20) == 0
              ? "251 2.1.5 User not local; will forward to <" + user() + "@forward.example>" : "250 2.1.5 Ok";
          case FAILED -> failReply;
          case DEFERRED -> r.deferral.trouble().deferReply();
        };
        line(sb, "postfix/smtp", smtp, "> " + relay + ":25: RCPT TO:<" + r.address + ">");
        line(sb, "postfix/smtp", smtp, "< " + relay + ":25: " + reply);
      }
      switch (result) {
        case DELIVERED -> {
          delivery(sb, "postfix/smtp", smtp, m, r.address, relay + ":25", "2.0.0", "sent", "250 2.0.0 Ok: queued as "
              + qid(), true);
          it.remove();
        }
        case FAILED -> {
          delivery(sb, "postfix/smtp", smtp, m, r.address, relay + ":25", dsn(failReply), "bounced", "host " + relay
              + " said: " + failReply + " (in reply to RCPT TO command)", false);
          bounced = true;
          it.remove();
        }
        case DEFERRED -> {
          String reply = r.deferral.trouble().deferReply();
          if (reply == null) {
            delivery(sb, "postfix/smtp", smtp, m, r.address, "none", "4.4.1", "deferred", "connect to " + relay
                + ":25: Connection refused", false);
          } else {
            delivery(sb, "postfix/smtp", smtp, m, r.address, relay + ":25", dsn(reply), "deferred", "host " + relay
                + " said: " + reply + " (in reply to RCPT TO command)", false);
          }
        }
      }
    }
    if (!m.pending.isEmpty() && millis - m.arrival >= MAXIMAL_QUEUE_LIFETIME) {
      line(sb, "postfix/qmgr", QMGR_PID, m.qid + ": from=<" + m.sender + ">, status=expired, returned to sender");
      m.pending.clear();
      bounced = true;
    }
    String ndr = bounced ? nonDeliveryNotification(sb, m) : null;
    if (m.pending.isEmpty()) {
      line(sb, "postfix/qmgr", QMGR_PID, m.qid + ": removed");
    } else {
      long age = millis - m.arrival;
      m.nextRetry = millis + Math.min(MAXIMAL_BACKOFF, Math.max(MINIMAL_BACKOFF, age));
    }
    if (ndr != null) {
      deliverNotification(sb, ndr, m);
    }
  }

  /** bounce(8) queues a notification to the sender (section 8): cleanup, qmgr and bounce records; returns its id. */
  private String nonDeliveryNotification(StringBuilder sb, Queued m) {
    String ndr = qid();
    millis += random.nextInt(1, 20);
    line(sb, "postfix/cleanup", nextPid(), ndr + ": message-id=<" + NDR_STAMP.format(Instant.ofEpochMilli(millis)) + "."
        + ndr + "@" + LOCAL_DOMAIN + ">");
    line(sb, "postfix/qmgr", QMGR_PID, ndr + ": from=<>, size=" + (2000 + random.nextInt(3000)) + ", nrcpt=1 (queue"
        + " active)");
    line(sb, "postfix/bounce", nextPid(), m.qid + ": sender non-delivery notification: " + ndr);
    return ndr;
  }

  /** The notification's delivery to the sender (never deferred) and its removal. */
  private void deliverNotification(StringBuilder sb, String ndr, Queued m) {
    millis += random.nextInt(20, 400);
    Queued notification = new Queued(ndr, "", m.senderDomain, 0, 1, millis - random.nextInt(10, 300));
    delivery(sb, "postfix/smtp", nextPid(), notification, m.sender, domains.mxHost(m.senderDomain) + "["
        + domains.mxAddress(m.senderDomain) + "]:25", "2.0.0", "sent", "250 2.0.0 Ok: queued as " + qid(), true);
    line(sb, "postfix/qmgr", QMGR_PID, ndr + ": removed");
  }

  /**
   * A delivery status record (section 3): {@code delay} is the message's age, {@code delays} splits
   * it into the time before the active queue (which holds the deferred queue's wait), in qmgr, in
   * connection set-up, and in transmission ({@code transmitted}: a whole message, not one refused
   * at RCPT).
   */
  private void delivery(StringBuilder sb, String tag, int agentPid, Queued m, String rcpt, String relay, String dsn,
      String status, String text, boolean transmitted) {
    boolean remote = !relay.equals("local") && !relay.equals("none");
    double b = random.nextInt(0, 3) / 100.0;
    double c = remote ? random.nextInt(5, 60) / 100.0 : 0;
    double d = transmitted ? random.nextInt(5, 200) / 100.0 : random.nextInt(0, 3) / 100.0;
    double age = (millis - m.arrival) / 1000.0;
    double a = Math.max(0, age - b - c - d);
    line(sb, tag, agentPid, m.qid + ": to=<" + rcpt + ">, relay=" + relay + ", delay=" + delayText(a + b + c + d)
        + ", delays=" + delayText(a) + "/" + delayText(b) + "/" + delayText(c) + "/" + delayText(d) + ", dsn=" + dsn
        + ", status=" + status + " (" + text + ")");
  }

  /** {@code delay_logging_resolution_limit = 2}: two significant digits, whole seconds from 100, "0" under 0.01. */
  static String delayText(double seconds) {
    if (seconds < 0.01) {
      return "0";
    }
    if (seconds >= 10) {
      return Long.toString(Math.round(seconds));
    }
    return String.format(Locale.ROOT, seconds >= 1 ? "%.1f" : "%.2f", seconds);
  }

  /** The enhanced status code of an SMTP reply ("450 4.2.1 ..." gives 4.2.1). */
  private static String dsn(String reply) {
    int start = reply.indexOf(' ') + 1;
    return reply.substring(start, reply.indexOf(' ', start));
  }

  // ---- lines and names -----------------------------------------------------------------------

  private void line(StringBuilder sb, String tag, int linePid, String text) {
    LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    sb.append(MONTHS[t.getMonthValue() - 1]).append(' ');
    int day = t.getDayOfMonth();
    sb.append(day < 10 ? " " : "").append(day).append(' ');
    two(sb, t.getHour()).append(':');
    two(sb, t.getMinute()).append(':');
    two(sb, t.getSecond()).append(" mx1 ").append(tag).append('[').append(linePid).append("]: ").append(text)
        .append('\n');
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
}
