import io.smtplog.core.index.IndexSearch;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The follow benchmark (issue 14), run by bench/run-follow-bench.sh with the jar on the class path:
 * starts {@code smtplog follow} (the launcher, default poll and commit interval) on a log that does
 * not exist yet, appends a generated log to it as fast as the disk takes it, and measures
 * <ul>
 *   <li>lines/s followed: the generated log's lines over the seconds from the first byte written to
 *       the commit that holds a message appended after the last line (found by a query);
 *   <li>latency: seconds from a message's last line appended (the follower caught up) to its
 *       document found by a query on the index, for {@code probes} messages appended a random
 *       0 to 1 s apart;
 *   <li>the follower's peak resident memory (VmHWM) before it is stopped.
 * </ul>
 * Args: LOG WORKDIR RUNS PROBES.
 */
public final class FollowBench {
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
    for (int run = 1; run <= runs; run++) {
      Path dir = Files.createDirectories(work.resolve("run-" + run));
      Path log = dir.resolve("mail.log");
      Path index = dir.resolve("index");
      Path err = dir.resolve("follow.err");
      Process follower = new ProcessBuilder("./smtplog", "follow", "--index", index.toString(), "--timezone", "UTC",
          "--year", "2025", log.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(err.toFile()).start();
      while (!Files.exists(err) || !Files.readString(err).contains("Ctrl-C stops.")) {
        Thread.sleep(20);
      }
      long start = System.nanoTime();
      append(generated, log);
      double written = seconds(start);
      // A message after the last line: found in the index, every line before it is in too (a term
      // query; IndexSearch.stats() verifies every segment, far too costly to poll).
      String last = String.format(Locale.ROOT, "F%02d%08X", run, 0);
      appendMessage(log, last);
      while (count(index, "queue_id:" + last) == 0) {
        Thread.sleep(100); // not more often: each look opens the index, and the machine has few cores
      }
      double took = seconds(start);
      rates.add(lines / took);
      System.out.printf(Locale.ROOT, "run %d: %,d lines appended in %.2f s, all committed after %.2f s: %,.0f lines/s%n",
          run, lines, written, took, lines / took);
      List<Double> runLatencies = new ArrayList<>();
      for (int p = 0; p < probes; p++) {
        Thread.sleep((long) (Math.random() * 1000));
        String queueId = String.format(Locale.ROOT, "F%02d%08X", run, p + 1);
        long appended = appendMessage(log, queueId);
        while (count(index, "queue_id:" + queueId) == 0) {
          Thread.sleep(25);
        }
        runLatencies.add((System.nanoTime() - appended) / 1e9);
      }
      latencies.addAll(runLatencies);
      long peakKb = peakKb(follower.pid());
      follower.destroy();
      follower.waitFor();
      System.out.printf(Locale.ROOT, "run %d: line to query latency median %.2f s, max %.2f s (%d probes);"
          + " follower peak RSS %d MB (launcher shell and JVM: the JVM's)%n", run, median(runLatencies),
          runLatencies.stream().mapToDouble(d -> d).max().orElse(0), probes, peakKb / 1024);
    }
    System.out.printf(Locale.ROOT, "medians over %d runs: %,.0f lines/s followed; line to query %.2f s%n", runs,
        median(rates), median(latencies));
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

  private static long count(Path index, String query) throws Exception {
    try (IndexSearch s = IndexSearch.open(index).orElseThrow()) {
      return s.count(IndexSearch.parse(query, ZoneOffset.UTC, Instant.now()));
    } catch (IOException | java.util.NoSuchElementException e) {
      return 0; // no commit yet, or one being written
    }
  }

  /** The peak resident memory of the JVM the launcher runs (the launcher execs it: the same pid). */
  private static long peakKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return 0;
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
