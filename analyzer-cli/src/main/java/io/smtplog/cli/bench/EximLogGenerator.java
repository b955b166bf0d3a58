package io.smtplog.cli.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * Writes a large, realistic Exim mainlog for benchmarks, in the layout of Exim 4.96 (16-character
 * message ids, which eximstats 4.96 also reads: it takes 23-character ids for garbage) with
 * {@code +pid +millisec +smtp_connection +deliver_time +queue_time +received_recipients
 * +subject} (exim-log-format reference): SMTP connections, arrivals with TLS and Message-IDs,
 * remote deliveries with confirmations (several recipients per transaction as {@code ->}), local
 * deliveries of aliases, deferrals after RCPT that retry and succeed or time out, failures, ACL
 * rejects, authenticator failures, queue runs and Completed. Domains: ~2,000 (a few large, a long
 * tail), as in the Postfix generator. Deterministic for a seed.
 */
public final class EximLogGenerator {
  private static final String[] BIG = {"gmail.com", "outlook.com", "yahoo.com", "example.com", "example.net",
      "example.org", "icloud.com", "gmx.de", "web.de", "yandex.ru"};
  private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final SplittableRandom random;
  private final BufferedWriter out;
  private long millis;
  private long lines;
  private int pid = 1000;
  private final java.util.ArrayDeque<String[]> deferred = new java.util.ArrayDeque<>();

  public EximLogGenerator(Writer out, long seed) {
    this.out = new BufferedWriter(out, 1 << 16);
    this.random = new SplittableRandom(seed);
    this.millis = LocalDateTime.of(2026, 3, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1000;
  }

  /** Writes sessions until at least {@code targetBytes} were written; returns the number of lines. */
  public long generate(long targetBytes) throws IOException {
    long written = 0;
    StringBuilder sb = new StringBuilder(8192);
    while (written < targetBytes) {
      sb.setLength(0);
      if (random.nextInt(40) == 0) {
        queueRun(sb);
      } else {
        session(sb);
      }
      out.append(sb);
      written += sb.length();
    }
    out.flush();
    return lines;
  }

  private void session(StringBuilder sb) {
    millis += random.nextInt(1500);
    int daemon = 999;
    int smtp = nextPid();
    String host = "mail" + random.nextInt(5000) + ".client" + random.nextInt(300) + ".example";
    String ip = "198.51." + random.nextInt(100) + "." + random.nextInt(1, 255);
    String port = Integer.toString(random.nextInt(32768, 61000));
    String hostField = (random.nextInt(3) == 0 ? "(" + host + ")" : host + " (" + host + ")") + " [" + ip + "]:" + port;
    line(sb, daemon, null, "SMTP connection from [" + ip + "]:" + port + " I=[203.0.113.1]:25 (TCP/IP connection count = "
        + random.nextInt(1, 20) + ")");
    int kind = random.nextInt(100);
    if (kind < 6) {
      line(sb, smtp, null, "H=" + hostField + " I=[203.0.113.1]:25 F=<" + address() + "> rejected RCPT <"
          + address() + ">: relay not permitted");
    } else if (kind < 8) {
      line(sb, smtp, null, "H=" + hostField + " I=[203.0.113.1]:25 F=<" + address()
          + "> temporarily rejected RCPT <" + address() + ">: greylisted");
    } else if (kind < 10) {
      line(sb, smtp, null, "dovecot_login authenticator failed for " + hostField + ": 535 Incorrect authentication"
          + " data (set_id=" + local() + ")");
    } else if (kind < 12) {
      line(sb, smtp, null, "no MAIL in SMTP connection from " + hostField + " D=" + random.nextInt(1, 30)
          + "s C=EHLO,STARTTLS,EHLO,QUIT");
      return;
    } else {
      int messages = random.nextInt(10) == 0 ? 2 : 1;
      for (int m = 0; m < messages; m++) {
        message(sb, smtp, hostField);
      }
    }
    line(sb, smtp, null, "SMTP connection from " + hostField + " I=[203.0.113.1]:25 closed by QUIT");
  }

  private void message(StringBuilder sb, int smtp, String hostField) {
    String id = messageId();
    String sender = address();
    int rcpts = 1 + (random.nextInt(5) == 0 ? random.nextInt(1, 4) : 0);
    String[] to = new String[rcpts];
    StringBuilder forList = new StringBuilder();
    for (int i = 0; i < rcpts; i++) {
      to[i] = random.nextInt(12) == 0 ? local() + "@mx.smtplog.test" : address();
      forList.append(' ').append(to[i]);
    }
    millis += random.nextInt(200);
    boolean tls = random.nextInt(3) != 0;
    line(sb, smtp, id, "<= " + sender + " H=" + hostField + " I=[203.0.113.1]:25 P=" + (tls ? "esmtps" : "esmtp")
        + (tls ? " X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no" : "") + " S=" + random.nextInt(800, 90_000)
        + " id=" + Long.toHexString(random.nextLong()) + "@" + domainOf(sender) + " T=\"Report "
        + random.nextInt(100_000) + "\" from <" + sender + "> for" + forList);
    int delivery = nextPid();
    String lastHost = null;
    for (String rcpt : to) {
      millis += random.nextInt(50, 900);
      String domain = domainOf(rcpt);
      if (domain.equals("mx.smtplog.test")) {
        String user = random.nextInt(3) == 0 ? "root" : local();
        line(sb, delivery, id, "=> " + user + " <" + rcpt + "> R=localuser T=local_delivery QT=" + random.nextInt(1, 3)
            + "s DT=0.00" + random.nextInt(1, 9) + "s");
        continue;
      }
      String mx = "mx" + random.nextInt(1, 4) + "." + domain;
      String mxIp = "203.0." + random.nextInt(114, 120) + "." + random.nextInt(1, 255);
      int outcome = random.nextInt(100);
      String common = " R=dnslookup T=remote_smtp H=" + mx + " [" + mxIp + "]:25";
      if (outcome < 85) {
        String flag = mx.equals(lastHost) ? "-> " : "=> ";
        line(sb, delivery, id, flag + rcpt + common + (tls ? " X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes" : "")
            + " K C=\"250 2.0.0 OK " + Long.toHexString(random.nextLong()) + " - gsmtp\" QT=" + random.nextInt(1, 9)
            + "s DT=" + random.nextInt(1, 3) + "." + random.nextInt(100, 999) + "s");
        lastHost = mx;
      } else if (outcome < 93) {
        line(sb, delivery, id, "== " + rcpt + common.replace(" H=", " defer (-44) H=") + " DT=0.2s: SMTP error from"
            + " remote mail server after RCPT TO:<" + rcpt + ">: 451 4.7.1 Greylisted, please retry later");
        deferred.add(new String[] {id, rcpt, common});
      } else {
        int code = random.nextInt(10) == 0 ? 551 : 550;
        String reply = code == 551 ? "551 5.1.6 User not local; please try <" + local() + "@new." + domain + ">"
            : "550 5.1.1 <" + rcpt + ">: Recipient address rejected: User unknown";
        line(sb, delivery, id, "** " + rcpt + " F=<" + sender + ">" + common + " : SMTP error from remote mail server"
            + " after RCPT TO:<" + rcpt + ">: " + reply);
      }
    }
    if (deferred.isEmpty() || !deferred.peekLast()[0].equals(id)) {
      line(sb, delivery, id, "Completed QT=" + random.nextInt(1, 9) + "s");
    }
  }

  /** A queue run retries deferred addresses: most succeed, some time out after their retry limit. */
  private void queueRun(StringBuilder sb) {
    int runner = nextPid();
    line(sb, runner, null, "Start queue run: pid=" + runner);
    int n = Math.min(deferred.size(), 50);
    for (int i = 0; i < n; i++) {
      String[] d = deferred.poll();
      millis += random.nextInt(100);
      int p = nextPid();
      if (random.nextInt(5) == 0) {
        line(sb, p, d[0], "** " + d[1] + ": retry timeout exceeded");
      } else {
        line(sb, p, d[0], "=> " + d[1] + d[2] + " C=\"250 2.0.0 OK\" QT=" + random.nextInt(300, 3600) + "s DT=1s");
      }
      line(sb, p, d[0], "Completed QT=" + random.nextInt(300, 3600) + "s");
    }
    line(sb, runner, null, "End queue run: pid=" + runner);
  }

  private void line(StringBuilder sb, int linePid, String id, String text) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(millis / 1000, 0, ZoneOffset.UTC);
    sb.append(STAMP.format(t)).append('.');
    long ms = millis % 1000;
    sb.append(ms < 100 ? (ms < 10 ? "00" : "0") : "").append(ms).append(" [").append(linePid).append("] ");
    if (id != null) {
      sb.append(id).append(' ');
    }
    sb.append(text).append('\n');
    lines++;
  }

  private String messageId() {
    StringBuilder id = new StringBuilder(23);
    long secs = millis / 1000;
    for (int i = 0; i < 6; i++) {
      id.insert(0, BASE62.charAt((int) (secs % 62)));
      secs /= 62;
    }
    id.append('-');
    for (int i = 0; i < 6; i++) {
      id.append(BASE62.charAt(random.nextInt(62)));
    }
    id.append('-');
    for (int i = 0; i < 2; i++) {
      id.append(BASE62.charAt(random.nextInt(62)));
    }
    return id.toString();
  }

  private String address() {
    return local() + "@" + domain();
  }

  private String local() {
    return "user" + random.nextInt(50_000);
  }

  private String domain() {
    return random.nextInt(2) == 0 ? BIG[random.nextInt(BIG.length)] : "d" + random.nextInt(2000) + ".example";
  }

  private static String domainOf(String address) {
    return address.substring(address.indexOf('@') + 1);
  }

  private int nextPid() {
    pid = pid >= 4_000_000 ? 1000 : pid + random.nextInt(1, 7);
    return pid;
  }
}
