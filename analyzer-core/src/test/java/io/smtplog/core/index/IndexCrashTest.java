package io.smtplog.core.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.samples.SampleLogs;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest killed with SIGKILL in the middle, by the test, and run again: the index is the index
 * of one clean ingest (documents, stored lines, positions and the open stories are committed
 * together; the stories open at the last commit are taken up again).
 */
class IndexCrashTest {

  @Test
  void anIngestKilledMidway_andRunAgain_holdsEveryEventOnce(@TempDir Path tmp) throws Exception {
    Path log = tmp.resolve("big.log");
    List<String> sample = Files.readAllLines(SampleLogs.path("postfix/loopback-relay.log"));
    try (BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      for (int copy = 0; copy < 60; copy++) {
        for (String line : sample) {
          out.write(line);
          out.write('\n');
        }
      }
    }
    ReadOptions options = new ReadOptions(ZoneOffset.UTC, OptionalInt.of(2026), 1, 20);
    IngestReport expected = new LogPipeline(options).run(List.of(LogInput.of(log)), e -> { });
    Path dir = tmp.resolve("index");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        IngestChild.class.getName(), dir.toString(), log.toString()).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("child.out").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (commits(dir) < 2 && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(child.isAlive()).as("the child must be killed mid-way (it finished first)").isTrue();
    child.destroyForcibly(); // SIGKILL
    child.waitFor(30, TimeUnit.SECONDS);
    long before;
    try (IndexSearch index = IndexSearch.open(dir).orElseThrow()) {
      before = index.stats().lines();
    }
    assertThat(before).as("some lines were committed before the kill").isPositive()
        .isLessThan(expected.linesRead());
    LogIndexer.ingest(dir, List.of(LogInput.of(log)), options, b -> { });
    Path clean = tmp.resolve("clean");
    LogIndexer.ingest(clean, List.of(LogInput.of(log)), options, b -> { });
    try (IndexSearch index = IndexSearch.open(dir).orElseThrow(); IndexSearch once = IndexSearch.open(clean).orElseThrow()) {
      assertThat(index.stats().lines()).as("every line stored once").isEqualTo(expected.linesRead());
      for (String q : List.of("*", "kind:recipient", "kind:message", "kind:session", "kind:event", "status:delivered",
          "status:bounced", "deferrals:[1 TO *]", "provisional:true")) {
        assertThat(index.count(IndexSearch.parse(q, ZoneOffset.UTC, Instant.now()))).as(q)
            .isEqualTo(once.count(IndexSearch.parse(q, ZoneOffset.UTC, Instant.now())));
      }
    }
  }

  private static long commits(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("segments_")).mapToLong(f -> {
        String n = f.getFileName().toString().substring("segments_".length());
        return Long.parseLong(n, Character.MAX_RADIX);
      }).max().orElse(0);
    }
  }
}
