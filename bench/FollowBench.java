import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The follow benchmark (issue 14), run by bench/run-follow-bench.sh with the jar on the class path:
 * starts {@code smtplog serve --follow} (the launcher and its JVM flags, the default poll and commit
 * interval) on a log that does not exist yet, appends a generated log to it as fast as the disk
 * takes it, and measures, through the server's HTTP API as a user or Prometheus sees it:
 * <ul>
 *   <li>lines/s followed: the generated log's lines over the seconds from the first byte written to
 *       the commit that holds a message appended after the last line (found by /api/count);
 *   <li>latency: seconds from a message's last line appended (the follower caught up) to its
 *       document found by /api/count, and to {@code smtplog_lines_read_total} counting its lines in
 *       /metrics, for {@code probes} messages appended a random 0 to 1 s apart;
 *   <li>memory after the long follow: the heap in use after a full collection (jcmd GC.run, then
 *       GC.heap_info), the resident size now and at its peak (VmRSS, VmHWM).
 * </ul>
 * Args: LOG WORKDIR RUNS PROBES.
 */
public final class FollowBench {
  private static final int MESSAGE_LINES = 5;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private FollowBench() {}

  public static void main(String[] args) throws Exception {
    Path generated = Path.of(args[0]);
    Path work = Path.of(args[1]);
    int runs = Integer.parseInt(args[2]);
    int probes = Integer.parseInt(args[3]);
    long lines;
    try (var stream = Files.lines(generated, StandardCharsets.UTF_8)) {
      lines = stream.count();
    }
    List<Double> rates = new ArrayList<>();
    List<Double> latencies = new ArrayList<>();
    List<Double> metricLatencies = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      Path dir = Files.createDirectories(work.resolve("run-" + run));
      Path log = dir.resolve("mail.log");
      Path index = dir.resolve("index");
      Path err = dir.resolve("serve.err");
      int port;
      try (ServerSocket free = new ServerSocket(0)) {
        port = free.getLocalPort();
      }
      String base = "http://127.0.0.1:" + port;
      Process server = new ProcessBuilder("./smtplog", "serve", "--index", index.toString(), "--listen",
          "127.0.0.1:" + port, "--timezone", "UTC", "--year", "2025", "--follow", log.toString())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
      while (!Files.exists(err) || !Files.readString(err).contains("smtplog: following ")) {
        Thread.sleep(20);
      }
      long start = System.nanoTime();
      append(generated, log);
      double written = seconds(start);
      long appendedLines = lines;
      // A message after the last line: found by a query, every line before it is in the index too.
      String last = String.format(Locale.ROOT, "F%02d%08X", run, 0);
      appendMessage(log, last);
      appendedLines += MESSAGE_LINES;
      while (count(base, "queue_id:" + last) == 0) {
        Thread.sleep(100);
      }
      double took = seconds(start);
      rates.add(lines / took);
      System.out.printf(Locale.ROOT, "run %d: %,d lines appended in %.2f s, all committed after %.2f s: %,.0f lines/s%n",
          run, lines, written, took, lines / took);
      List<Double> runLatencies = new ArrayList<>();
      List<Double> runMetrics = new ArrayList<>();
      for (int p = 0; p < probes; p++) {
        Thread.sleep((long) (Math.random() * 1000));
        String queueId = String.format(Locale.ROOT, "F%02d%08X", run, p + 1);
        long appended = appendMessage(log, queueId);
        appendedLines += MESSAGE_LINES;
        Double toMetrics = null;
        Double toQuery = null;
        while (toMetrics == null || toQuery == null) {
          if (toMetrics == null && linesRead(base) >= appendedLines) {
            toMetrics = (System.nanoTime() - appended) / 1e9;
          }
          if (toQuery == null && count(base, "queue_id:" + queueId) > 0) {
            toQuery = (System.nanoTime() - appended) / 1e9;
          }
          Thread.sleep(10);
        }
        runLatencies.add(toQuery);
        runMetrics.add(toMetrics);
      }
      latencies.addAll(runLatencies);
      metricLatencies.addAll(runMetrics);
      long pid = server.pid();
      jcmd(pid, "GC.run");
      String heap = jcmd(pid, "GC.heap_info");
      long usedKb = usedKb(heap);
      long rssKb = statusKb(pid, "VmRSS:");
      long peakKb = statusKb(pid, "VmHWM:");
      server.destroy();
      server.waitFor();
      System.out.printf(Locale.ROOT, "run %d: line to query median %.2f s, max %.2f s; line to /metrics median %.2f s,"
          + " max %.2f s (%d probes); after the follow: heap in use after a full GC %,d KB, RSS %d MB, peak RSS %d MB%n",
          run, median(runLatencies), max(runLatencies), median(runMetrics), max(runMetrics), probes, usedKb,
          rssKb / 1024, peakKb / 1024);
    }
    System.out.printf(Locale.ROOT, "medians over %d runs: %,.0f lines/s followed; line to query %.2f s; line to"
        + " /metrics %.2f s%n", runs, median(rates), median(latencies), median(metricLatencies));
  }
  private static void append(Path from, Path to) throws IOException {
    try (InputStream in = Files.newInputStream(from); OutputStream out = new FileOutputStream(to.toFile(), true)) {
      byte[] buffer = new byte[1 << 20];
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
      }
    }
  }

  /** A whole message (arrival, delivery, removal) in one write; returns when it was written. */
  private static long appendMessage(Path log, String queueId) throws IOException {
    String lines = String.join("\n",
        // From a network client: a message received from the loopback waits 600 s of log time for a
        // content filter's hop line (MailCorrelator.GRACE_SECONDS) before it is final.
        "Dec 31 23:59:58 mx1 postfix/smtpd[4931]: " + queueId + ": client=mail.example.net[198.51.100.7]",
        "Dec 31 23:59:58 mx1 postfix/cleanup[4934]: " + queueId + ": message-id=<" + queueId + "@bench>",
        "Dec 31 23:59:58 mx1 postfix/qmgr[4927]: " + queueId + ": from=<alice@smtplog.test>, size=426, nrcpt=1"
            + " (queue active)",
        "Dec 31 23:59:59 mx1 postfix/smtp[4935]: " + queueId + ": to=<bob@example.com>, relay=127.0.0.2[127.0.0.2]:2525,"
            + " delay=0.03, delays=0.01/0.02/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: message accepted)",
        "Dec 31 23:59:59 mx1 postfix/qmgr[4927]: " + queueId + ": removed") + "\n";
    try (OutputStream out = new FileOutputStream(log.toFile(), true)) {
      out.write(lines.getBytes(StandardCharsets.UTF_8));
    }
    return System.nanoTime();
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.statusCode() == 200 ? r.body() : "";
  }

  /** Hits of {@code query} through /api/count (0 before the first commit). */
  private static long count(String base, String query) throws Exception {
    String body = get(base + "/api/count?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    String digits = body.replaceAll("(?s).*\"count\"\\s*:\\s*([0-9]+).*", "$1");
    return digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) ? 0 : Long.parseLong(digits);
  }

  /** smtplog_lines_read_total from /metrics. */
  private static long linesRead(String base) throws Exception {
    for (String line : get(base + "/metrics").split("\n")) {
      if (line.startsWith("smtplog_lines_read_total ")) {
        return new java.math.BigDecimal(line.substring(line.indexOf(' ') + 1).trim()).longValue();
      }
    }
    return 0;
  }

  private static String jcmd(long pid, String command) throws Exception {
    Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  /** The "used" figures of GC.heap_info's generation lines (PSYoungGen, ParOldGen), added. */
  private static long usedKb(String heapInfo) {
    long used = 0;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s*\\S+Gen\\s+total \\d+K, used (\\d+)K")
        .matcher(heapInfo);
    while (m.find()) {
      used += Long.parseLong(m.group(1));
    }
    return used;
  }

  private static long statusKb(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return 0;
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(d -> d).max().orElse(0);
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n == 0 ? 0 : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
