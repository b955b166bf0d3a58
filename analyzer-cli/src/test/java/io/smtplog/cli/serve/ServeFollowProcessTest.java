package io.smtplog.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smtplog.cli.AnalyzerCli;
import io.smtplog.core.follow.SameIndex;
import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.live.MetricNames;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.samples.ExpositionText;
import io.smtplog.core.samples.SampleLogs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code smtplog serve --follow} as a process of its own, as the systemd unit runs it: a log that
 * does not exist yet is waited for, then written in two parts; {@code /api/status}, {@code /api/count}
 * and {@code /metrics} follow it while it grows; the live counters of final recipients equal the
 * index's final recipients; SIGTERM stops it cleanly, and its index is that of one ingest of the log.
 */
class ServeFollowProcessTest {
  private static final long PATIENCE_SECONDS = 120;
  private static final Pattern SERVING = Pattern.compile("at http://127\\.0\\.0\\.1:([0-9]+)/ \\(Ctrl-C stops\\)");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  void followsAGrowingLog_whileServingIt_andStopsCleanly(@TempDir Path tmp) throws Exception {
    List<String> lines = Files.readAllLines(SampleLogs.path("exim/relay-mainlog.log"), StandardCharsets.UTF_8);
    Path log = tmp.resolve("mainlog");
    Path index = tmp.resolve("idx");
    Path err = tmp.resolve("serve.err");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process serve = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AnalyzerCli.class.getName(),
        "serve", "--index", index.toString(), "--listen", "127.0.0.1:0", "--follow", log.toString(), "--poll", "50",
        "--commit-every", "0.2", "--timezone", "UTC", "--year", "2026")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
    try {
      waitUntil("the server to start", () -> SERVING.matcher(read(err)).find());
      Matcher port = SERVING.matcher(read(err));
      assertThat(port.find()).isTrue();
      String base = "http://127.0.0.1:" + port.group(1);
      assertThat(read(err)).contains("Waiting for " + log + ", which does not exist yet.")
          .contains("smtplog: following " + log + " into " + index);
      assertThat(metric(base, MetricNames.LINES_READ)).isZero();

      int half = lines.size() / 2;
      append(log, lines.subList(0, half));
      waitUntil("the first part read", () -> status(base).path("lines_read").asLong() == half);
      assertThat(metric(base, MetricNames.LINES_READ)).isEqualTo(half);
      append(log, lines.subList(half, lines.size()));
      waitUntil("every line read and committed", () -> status(base).path("lines_read").asLong() == lines.size()
          && !status(base).path("last_commit").isNull() && count(base, "*:*") > 0);
      // Queries see the new lines, and the live counters of final recipients are the index's.
      waitUntil("the index's final recipients in /metrics", () -> recipients(base).equals(finalRecipients(index)));
      assertThat(recipients(base)).as("recipients by outcome").isNotEmpty();
      assertThat(count(base, "kind:recipient AND NOT provisional:true"))
          .isEqualTo(finalRecipients(index).values().stream().mapToLong(Long::longValue).sum());
      assertThat(metric(base, MetricNames.INDEX_COMMITS)).isPositive();
      assertThat(metric(base, MetricNames.FOLLOW_INPUTS)).isEqualTo(1);
      assertThat(metric(base, MetricNames.FOLLOW_LAG)).isZero();
    } finally {
      serve.destroy(); // SIGTERM: the last round, what is open written, committed, the server closed
      assertThat(serve.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)).as("stopped by SIGTERM").isTrue();
    }
    // The JVM's status after SIGTERM is 128 + 15 once the shutdown hook finished (the unit's SuccessExitStatus).
    assertThat(serve.exitValue()).as(read(err)).isEqualTo(143);
    assertThat(read(err)).doesNotContain("Exception").doesNotContain("standard input ended");
    Path once = tmp.resolve("once");
    ReadOptions options = new ReadOptions(ZoneOffset.UTC, OptionalInt.of(2026), 2, 20);
    LogIndexer.ingest(once, List.of(LogInput.of(log)), options, b -> { });
    SameIndex.assertSameIndex(index, once, options);
  }

  private static void append(Path log, List<String> lines) throws IOException {
    StringBuilder text = new StringBuilder();
    lines.forEach(l -> text.append(l).append('\n'));
    Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private String get(String url) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("%s: %s", url, r.body()).isEqualTo(200);
      return r.body();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private JsonNode status(String base) {
    try {
      return JSON.readTree(get(base + "/api/status"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private long count(String base, String query) {
    try {
      return JSON.readTree(get(base + "/api/count?q=" + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8)))
          .path("count").asLong();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private long metric(String base, String name) {
    return ExpositionText.parse(get(base + "/metrics")).stream().filter(s -> s.name().equals(name))
        .mapToLong(s -> s.value().longValueExact()).sum();
  }

  /** The live recipients by outcome, those above 0. */
  private Map<String, Long> recipients(String base) {
    Map<String, Long> counts = new TreeMap<>();
    for (ExpositionText.Sample s : ExpositionText.parse(get(base + "/metrics"))) {
      if (s.name().equals(MetricNames.RECIPIENTS) && s.value().signum() > 0) {
        counts.put(s.labels().get(MetricNames.OUTCOME), s.value().longValueExact());
      }
    }
    return counts;
  }

  private static Map<String, Long> finalRecipients(Path index) {
    try {
      return SameIndex.finalRecipients(index);
    } catch (Exception e) {
      return Map.of(); // a commit being written: read again
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void waitUntil(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited too long for " + what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
