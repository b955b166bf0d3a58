package io.smtplog.cli.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a large, realistic Exim mainlog for benchmarks, in the layout of Exim 4.96
 * (exim-log-format reference sections 2 to 7; 16-character message ids, which eximstats 4.96 also
 * reads: it takes 23-character ids for garbage) with {@code log_selector = +pid +millisec
 * +smtp_connection +smtp_incomplete_transaction +incoming_port +incoming_interface +outgoing_port
 * +deliver_time +queue_time +queue_time_overall +received_recipients +subject}.
 *
 * <p>The server relays for SMTP clients and local programs to the domains of {@link
 * RecipientDomains} and delivers {@value #LOCAL_DOMAIN} locally. Its daemon runs a queue runner
 * every 30 minutes ({@code -q30m}); its retry rule is {@code * * F,1h,15m; G,8h,30m,1.5}, so a
 * deferred address is tried every 15 minutes for an hour, then at growing intervals, and fails
 * with {@code retry timeout exceeded} at its first attempt after 8 hours; {@code delay_warning =
 * 4h}. What the log shows (section numbers of the reference):
 * <ul>
 *   <li>connections (6.6) with {@code <=} arrivals (6.1) from TLS and plain sessions and from local
 *       programs ({@code U= P=local}), one to four recipients each, several to one domain
 *       delivered in one transaction ({@code =>} then {@code ->}, 6.2), local deliveries;
 *   <li>deferrals ({@code ==}, 6.3) after RCPT (greylisting, busy or full mailboxes) and refused
 *       connections, retried at each queue run whose time has come, with {@code retry time not
 *       reached} at the others, until delivered, failed ({@code **} with a 5xx, 6.4) or timed
 *       out ({@code ** ADDR: retry timeout exceeded}); {@code Completed} only when no address is
 *       left (6.5);
 *   <li>bounces ({@code <= <> R=ID U=Debian-exim P=local}) for every attempt that failed
 *       addresses, delay warnings after 4 hours, each delivered to the sender;
 *   <li>ACL rejects (7): relay refused, unknown local users next to accepted recipients,
 *       greylisting, a blocked sender, content rejected after DATA, with {@code incomplete
 *       transaction}; failed authentications; connections without MAIL.
 * </ul>
 * Deterministic for a {@link GeneratorSettings}. Times start on 2026-03-01 (UTC).
 */
public final class EximLogGenerator {
  static final String LOCAL_DOMAIN = "mx.smtplog.test";
  private static final String OUR_IP = "[203.0.113.1]:25";
  private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final String[] SUBJECTS = {"Invoice %d", "Re: meeting on %d", "Your order #%d has shipped",
      "Password reset code %d", "Weekly report %d", "Newsletter issue %d"};
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long QUEUE_RUN_INTERVAL = 30 * MINUTE;
  /** The retry rule's first, fixed-interval part: {@code F,1h,15m}. */
  private static final long FIXED_RETRY_PERIOD = HOUR;
  private static final long FIXED_RETRY_INTERVAL = 15 * MINUTE;
  /** The geometric part: {@code G,8h,30m,1.5}; past 8 hours an address times out. */
  private static final long FIRST_GEOMETRIC_INTERVAL = 30 * MINUTE;
  private static final long RETRY_TIMEOUT = 8 * HOUR;
  private static final long DELAY_WARNING = 4 * HOUR;
  private static final int DAEMON_PID = 999;

  private final SplittableRandom random;
  private final BufferedWriter out;
  private final RecipientDomains domains;
  /** Every sender a new address ({@link GeneratorSettings#distinct()}). */
  private final boolean distinct;
  private long senders;
  private final long meanGap;
  private long millis;
  private long lines;
  private int pid = 1000;
  private long nextQueueRun;
  /** Messages with deferred addresses, in arrival order (the order queue runs take them in). */
  private final List<Queued> queue = new ArrayList<>();

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

  /** A message on the spool. */
  private static final class Queued {
    final String id;
    final String sender;
    final int senderDomain;
    final long arrival;
    final List<Recipient> pending = new ArrayList<>(4);
    long firstDeferral = -1;
    long nextRetry;
    long geometricInterval;
    boolean warned;

    Queued(String id, String sender, int senderDomain, long arrival) {
      this.id = id;
      this.sender = sender;
      this.senderDomain = senderDomain;
      this.arrival = arrival;
    }
  }

  public EximLogGenerator(Writer out, GeneratorSettings settings) {
    this.out = new BufferedWriter(out, 1 << 16);
    this.random = new SplittableRandom(settings.seed());
    this.domains = new RecipientDomains(settings.domains(), settings.distinct());
    this.distinct = settings.distinct();
    this.meanGap = settings.meanGapMillis();
    this.millis = LocalDateTime.of(2026, 3, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1000;
    this.nextQueueRun = millis + QUEUE_RUN_INTERVAL;
  }

  /**
   * Writes connections, local submissions and queue runs until at least {@code maxBytes} bytes or
   * {@code maxLines} lines were written, whichever comes first; returns the number of lines.
   */
  public long generate(long maxBytes, long maxLines) throws IOException {
    long written = 0;
    StringBuilder sb = new StringBuilder(1 << 16);
    while (written < maxBytes && lines < maxLines) {
      sb.setLength(0);
      millis += random.nextLong(2 * meanGap);
      if (millis >= nextQueueRun) {
        queueRun(sb);
        nextQueueRun += QUEUE_RUN_INTERVAL;
      } else if (random.nextInt(40) == 0) {
        localSubmission(sb);
      } else {
        session(sb);
      }
      out.append(sb);
      written += sb.length();
    }
    out.flush();
    return lines;
  }

  // ---- SMTP connections ---------------------------------------------------------------------

  private void session(StringBuilder sb) {
    int smtp = nextPid();
    String host = "mail" + random.nextInt(5000) + ".client" + random.nextInt(300) + ".example";
    String ip = "198.51." + random.nextInt(100) + "." + random.nextInt(1, 255);
    String port = Integer.toString(random.nextInt(32768, 61000));
    String hostField = (random.nextInt(3) == 0 ? "(" + host + ")" : host + " (" + host + ")") + " [" + ip + "]:" + port;
    String h = "H=" + hostField + " I=" + OUR_IP;
    line(sb, DAEMON_PID, null, "SMTP connection from [" + ip + "]:" + port + " I=" + OUR_IP
        + " (TCP/IP connection count = " + random.nextInt(1, 20) + ")");
    int kind = random.nextInt(1000);
    millis += random.nextInt(20, 400);
    if (kind < 60) {
      String sender = remoteSender();
      line(sb, smtp, null, h + " F=<" + sender + "> rejected RCPT <" + remoteAddress() + ">: relay not permitted");
      line(sb, smtp, null, h + " incomplete transaction (QUIT) from <" + sender + ">");
    } else if (kind < 80) {
      String sender = remoteSender();
      line(sb, smtp, null, h + " F=<" + sender + "> temporarily rejected RCPT <" + local() + "@" + LOCAL_DOMAIN
          + ">: greylisted, try again later");
      line(sb, smtp, null, h + " incomplete transaction (QUIT) from <" + sender + ">");
    } else if (kind < 100) {
      line(sb, smtp, null, "dovecot_login authenticator failed for " + hostField + " I=" + OUR_IP
          + ": 535 Incorrect authentication data (set_id=" + local() + ")");
    } else if (kind < 120) {
      line(sb, smtp, null, "no MAIL in SMTP connection from " + hostField + " I=" + OUR_IP + " D="
          + random.nextInt(1, 30) + "s C=EHLO,STARTTLS,EHLO,QUIT");
      return;
    } else if (kind < 130) {
      line(sb, smtp, null, h + " rejected MAIL <" + local() + "@spam" + random.nextInt(100)
          + ".example>: Sender blocked by local policy");
    } else if (kind < 140) {
      String id = messageId(smtp);
      line(sb, smtp, id, h + " F=<" + remoteSender() + "> rejected after DATA: Your message looks like spam");
    } else {
      int messages = random.nextInt(10) == 0 ? 2 : 1;
      for (int m = 0; m < messages; m++) {
        smtpMessage(sb, smtp, hostField);
      }
    }
    millis += random.nextInt(1, 50);
    line(sb, smtp, null, "SMTP connection from " + hostField + " I=" + OUR_IP + " closed by QUIT");
  }

  private void smtpMessage(StringBuilder sb, int smtp, String hostField) {
    int senderDomain = domains.pickLive(random);
    String sender = (distinct ? "sender" + ++senders : local()) + "@" + domains.name(senderDomain);
    List<Recipient> to = recipients();
    if (random.nextInt(25) == 0) {
      line(sb, smtp, null, "H=" + hostField + " I=" + OUR_IP + " F=<" + sender + "> rejected RCPT <nouser"
          + random.nextInt(1000) + "@" + LOCAL_DOMAIN + ">: Unknown user");
    }
    millis += random.nextInt(1, 300);
    String id = messageId(smtp);
    boolean tls = random.nextInt(3) != 0;
    line(sb, smtp, id, "<= " + sender + " H=" + hostField + " I=" + OUR_IP + " P=" + (tls ? "esmtps" : "esmtp")
        + (tls ? " X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no" : "") + " S=" + random.nextInt(800, 90_000)
        + " id=" + Long.toHexString(random.nextLong()) + "@" + domains.name(senderDomain) + " T=\"" + subject()
        + "\" from <" + sender + "> for" + forList(to));
    arrived(sb, new Queued(id, sender, senderDomain, millis), to);
  }

  /** A program on this host sends mail ({@code sendmail -t} from a web application). */
  private void localSubmission(StringBuilder sb) {
    int p = nextPid();
    String user = random.nextBoolean() ? "www-data" : "app" + random.nextInt(20);
    String sender = user + "@" + LOCAL_DOMAIN;
    List<Recipient> to = recipients();
    String id = messageId(p);
    line(sb, p, id, "<= " + sender + " U=" + user + " P=local S=" + random.nextInt(600, 20_000) + " id*=E"
        + id + "@" + LOCAL_DOMAIN + " T=\"" + subject() + "\" from <" + sender + "> for" + forList(to));
    arrived(sb, new Queued(id, sender, -1, millis), to);
  }

  /** The daemon forks a delivery process for a message as soon as it is received. */
  private void arrived(StringBuilder sb, Queued message, List<Recipient> to) {
    message.pending.addAll(to);
    attempt(sb, message);
    if (!message.pending.isEmpty()) {
      queue.add(message);
    }
  }

  private List<Recipient> recipients() {
    int n = 1 + (random.nextInt(5) == 0 ? random.nextInt(1, 4) : 0);
    List<Recipient> to = new ArrayList<>(n);
    int previous = -1;
    for (int i = 0; i < n; i++) {
      if (random.nextInt(12) == 0) {
        to.add(new Recipient(local() + "@" + LOCAL_DOMAIN, -1));
        continue;
      }
      int d = previous >= 0 && random.nextInt(10) < 3 ? previous : domains.pick(random);
      to.add(new Recipient(local() + "@" + domains.name(d), d));
      previous = d;
    }
    return to;
  }

  private static String forList(List<Recipient> to) {
    StringBuilder s = new StringBuilder();
    for (Recipient r : to) {
      s.append(' ').append(r.address);
    }
    return s.toString();
  }

  // ---- deliveries ---------------------------------------------------------------------------

  /**
   * One delivery process over the message's pending addresses (deliver.c): delivers, defers or
   * fails each, sends one bounce for the addresses that failed, a delay warning when due, and
   * writes {@code Completed} when none is left; otherwise sets the next retry time.
   */
  private void attempt(StringBuilder sb, Queued m) {
    int p = nextPid();
    boolean failed = false;
    int lastDelivered = -2;
    Iterator<Recipient> it = m.pending.iterator();
    while (it.hasNext()) {
      Recipient r = it.next();
      millis += random.nextInt(5, 400);
      if (r.domain < 0) {
        localDelivery(sb, p, m, r.address);
        it.remove();
        continue;
      }
      Deferral.Result result;
      String permanent = null;
      if (r.deferral == null) {
        int roll = random.nextInt(100);
        if (domains.isDead(r.domain) || (roll >= 86 && roll < 94)) {
          r.deferral = Deferral.draw(random, domains.isDead(r.domain));
          r.firstDeferral = millis;
          result = Deferral.Result.DEFERRED;
        } else if (roll < 86) {
          result = Deferral.Result.DELIVERED;
        } else {
          result = Deferral.Result.FAILED;
          permanent = firstAttemptFailure(r.address, roll);
        }
      } else {
        result = r.deferral.at(millis - r.firstDeferral);
        if (result == Deferral.Result.FAILED) {
          permanent = "SMTP error from remote mail server after RCPT TO:<" + r.address + ">: "
              + r.deferral.trouble().failReply();
        }
      }
      String host = " R=dnslookup T=remote_smtp H=" + domains.mxHost(r.domain) + " [" + domains.mxAddress(r.domain)
          + "]:25";
      switch (result) {
        case DELIVERED -> {
          String flag = r.domain == lastDelivered ? "-> " : "=> ";
          line(sb, p, m.id, flag + r.address + host + (r.domain % 5 != 0 ? " X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes"
              : "") + " C=\"" + confirmation(r.domain) + "\" QT=" + eximTime(millis - m.arrival) + " DT="
              + eximTime(random.nextInt(80, 3000)));
          lastDelivered = r.domain;
          it.remove();
        }
        case FAILED -> {
          line(sb, p, m.id, "** " + r.address + host + ": " + permanent + " DT=" + eximTime(random.nextInt(80, 900)));
          failed = true;
          it.remove();
        }
        case DEFERRED -> {
          deferral(sb, p, m.id, r, host);
          if (millis - r.firstDeferral >= RETRY_TIMEOUT) {
            line(sb, p, m.id, "** " + r.address + ": retry timeout exceeded");
            failed = true;
            it.remove();
          } else if (m.firstDeferral < 0) {
            m.firstDeferral = millis;
          }
        }
      }
    }
    Queued bounce = failed ? notification(sb, m, "Mail delivery failed: returning message to sender") : null;
    if (m.pending.isEmpty()) {
      millis += random.nextInt(1, 10);
      line(sb, p, m.id, "Completed QT=" + eximTime(millis - m.arrival));
    } else {
      scheduleRetry(m);
    }
    if (bounce != null) {
      deliverNotification(sb, bounce, m);
    }
    if (!m.pending.isEmpty() && !m.warned && millis - m.arrival >= DELAY_WARNING) {
      m.warned = true;
      Queued warning = notification(sb, m, "Warning: message " + m.id + " delayed "
          + (millis - m.arrival) / MINUTE + " minutes");
      deliverNotification(sb, warning, m);
    }
  }

  private String firstAttemptFailure(String address, int roll) {
    if (roll < 97) {
      return "SMTP error from remote mail server after RCPT TO:<" + address + ">: 550 5.1.1 <" + address
          + ">: Recipient address rejected: User unknown";
    }
    if (roll < 99) {
      return "SMTP error from remote mail server after RCPT TO:<" + address + ">: 551 5.1.6 User not local;"
          + " please try <" + local() + "@new." + address.substring(address.indexOf('@') + 1) + ">";
    }
    return "SMTP error from remote mail server after end of data: 554 5.7.1 Message content rejected";
  }

  /** The {@code ==} line of an attempt that failed for now, with its host line when no connection was made. */
  private void deferral(StringBuilder sb, int p, String id, Recipient r, String host) {
    String reply = r.deferral.trouble().deferReply();
    if (reply == null) {
      line(sb, p, id, "H=" + domains.mxHost(r.domain) + " [" + domains.mxAddress(r.domain) + "]:25 Connection refused");
      line(sb, p, id, "== " + r.address + " R=dnslookup T=remote_smtp defer (111): Connection refused DT=0.000s");
    } else {
      line(sb, p, id, "== " + r.address + host.replace(" H=", " defer (-44) H=") + " DT=" + eximTime(random.nextInt(50,
          900)) + ": SMTP error from remote mail server after RCPT TO:<" + r.address + ">: " + reply);
    }
  }

  /** The retry rule {@code F,1h,15m; G,8h,30m,1.5}, from the message's first deferral. */
  private void scheduleRetry(Queued m) {
    if (millis - m.firstDeferral < FIXED_RETRY_PERIOD) {
      m.nextRetry = millis + FIXED_RETRY_INTERVAL;
    } else {
      m.geometricInterval = m.geometricInterval == 0 ? FIRST_GEOMETRIC_INTERVAL : m.geometricInterval * 3 / 2;
      m.nextRetry = millis + m.geometricInterval;
    }
  }

  /** A queue run: each spooled message whose retry time has come is tried; the others say so. */
  private void queueRun(StringBuilder sb) {
    int runner = nextPid();
    line(sb, runner, null, "Start queue run: pid=" + runner);
    Iterator<Queued> it = queue.iterator();
    while (it.hasNext()) {
      Queued m = it.next();
      millis += random.nextInt(1, 20);
      if (m.nextRetry <= millis) {
        attempt(sb, m);
        if (m.pending.isEmpty()) {
          it.remove();
        }
      } else {
        retryNotReached(sb, m);
      }
    }
    line(sb, runner, null, "End queue run: pid=" + runner);
  }

  private void retryNotReached(StringBuilder sb, Queued m) {
    int p = nextPid();
    for (Recipient r : m.pending) {
      if (r.deferral.trouble() == Deferral.Trouble.HOST_DOWN) {
        line(sb, p, m.id, "== " + r.address + " R=dnslookup T=remote_smtp defer (-54) DT=0.000s: retry time not"
            + " reached for any host for '" + domains.name(r.domain) + "'");
      } else {
        line(sb, p, m.id, "== " + r.address + " routing defer (-52) DT=0.000s: retry time not reached");
      }
    }
  }

  private void localDelivery(StringBuilder sb, int p, Queued m, String address) {
    String user = address.substring(0, address.indexOf('@'));
    line(sb, p, m.id, "=> " + user + " <" + address + "> R=localuser T=local_delivery QT="
        + eximTime(millis - m.arrival) + " DT=" + eximTime(random.nextInt(1, 9)));
  }

  /** A bounce or delay warning to the sender of {@code m} (moan.c): writes its arrival. */
  private Queued notification(StringBuilder sb, Queued m, String subject) {
    int child = nextPid();
    millis += random.nextInt(1, 10);
    String id = messageId(child);
    line(sb, child, id, "<= <> R=" + m.id + " U=Debian-exim P=local S=" + random.nextInt(1800, 4000) + " id*=E" + id
        + "@" + LOCAL_DOMAIN + " T=\"" + subject + "\" from <> for " + m.sender);
    return new Queued(id, "", -1, millis);
  }

  /** The delivery of a notification to the sender of {@code m} (never deferred) and its Completed. */
  private void deliverNotification(StringBuilder sb, Queued notification, Queued m) {
    int p = nextPid();
    String id = notification.id;
    millis += random.nextInt(2, 300);
    if (m.senderDomain < 0) {
      localDelivery(sb, p, notification, m.sender);
    } else {
      line(sb, p, id, "=> " + m.sender + " R=dnslookup T=remote_smtp H=" + domains.mxHost(m.senderDomain) + " ["
          + domains.mxAddress(m.senderDomain) + "]:25 C=\"" + confirmation(m.senderDomain) + "\" QT="
          + eximTime(millis - notification.arrival) + " DT=" + eximTime(random.nextInt(80, 900)));
    }
    millis += random.nextInt(1, 5);
    line(sb, p, id, "Completed QT=" + eximTime(millis - notification.arrival));
  }

  private String confirmation(int domain) {
    return domain == 0 ? "250 2.0.0 OK " + (millis / 1000) + " " + Long.toHexString(random.nextLong()) + " - gsmtp"
        : "250 2.0.0 Ok: queued as " + Long.toHexString(random.nextLong()).toUpperCase(Locale.ROOT);
  }

  // ---- lines and names ----------------------------------------------------------------------

  private void line(StringBuilder sb, int linePid, String id, String text) {
    stamp(sb, linePid, id).append(text).append('\n');
    lines++;
  }

  private StringBuilder stamp(StringBuilder sb, int linePid, String id) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(millis / 1000, 0, ZoneOffset.UTC);
    sb.append(STAMP.format(t)).append('.');
    long ms = millis % 1000;
    sb.append(ms < 100 ? (ms < 10 ? "00" : "0") : "").append(ms).append(" [").append(linePid).append("] ");
    if (id != null) {
      sb.append(id).append(' ');
    }
    return sb;
  }

  /**
   * Exim 4.96's message id: the time in seconds, the receiving process's pid and the fraction of
   * the second, in base 62 (6, 6 and 2 characters).
   */
  private String messageId(int receiver) {
    char[] id = new char[16];
    long secs = millis / 1000;
    for (int i = 5; i >= 0; i--) {
      id[i] = BASE62.charAt((int) (secs % 62));
      secs /= 62;
    }
    id[6] = '-';
    long p = receiver;
    for (int i = 12; i >= 7; i--) {
      id[i] = BASE62.charAt((int) (p % 62));
      p /= 62;
    }
    id[13] = '-';
    int fraction = (int) (millis % 1000 * 3844 / 1000);
    id[14] = BASE62.charAt(fraction / 62);
    id[15] = BASE62.charAt(fraction % 62);
    return new String(id);
  }

  /**
   * A duration as {@code string_timediff()} writes it with {@code +millisec}: milliseconds under
   * 5 seconds ("0.123s", "2.050s"), else {@code readconf_printtime()} ("45s", "2h13m4s").
   */
  static String eximTime(long ms) {
    if (ms < 5000) {
      long frac = ms % 1000;
      return ms / 1000 + "." + (frac < 100 ? (frac < 10 ? "00" : "0") : "") + frac + "s";
    }
    long s = ms / 1000;
    StringBuilder t = new StringBuilder();
    long[] units = {604_800, 86_400, 3_600, 60, 1};
    char[] names = {'w', 'd', 'h', 'm', 's'};
    for (int i = 0; i < units.length; i++) {
      if (s >= units[i]) {
        t.append(s / units[i]).append(names[i]);
        s %= units[i];
      }
    }
    return t.toString();
  }

  private String subject() {
    return String.format(Locale.ROOT, SUBJECTS[random.nextInt(SUBJECTS.length)], random.nextInt(100_000));
  }

  private String remoteAddress() {
    return local() + "@" + domains.name(domains.pick(random));
  }

  private String remoteSender() {
    return local() + "@" + domains.name(domains.pickLive(random));
  }

  private String local() {
    return "user" + random.nextInt(50_000);
  }

  private int nextPid() {
    pid = pid >= 4_000_000 ? 1000 : pid + random.nextInt(1, 7);
    return pid;
  }
}
