package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, section 2: one million distinct recipient domains, generated on the fly and piped to
 * {@code smtplog report relay} in a child JVM with the launcher's heap (-Xmx384m), give a complete
 * report with exact figures: one row per domain, each with its one recipient, and totals that add
 * up. Before the relay figures could spill to disk, this ended in an OutOfMemoryError.
 */
class MillionDomainsTest {
  private static final int DOMAINS = 1_000_000;
  /** Recipients per message: fewer lines to parse than one message each. */
  private static final int PER_MESSAGE = 10;
  /** The launcher's defaults (./smtplog). */
  private static final List<String> LAUNCHER_HEAP = List.of("-XX:+UseParallelGC", "-Xmx384m", "-Xmn192m",
      "-XX:MaxTenuringThreshold=1");

  @Test
  void aMillionDomains_inTheLaunchersHeap_giveExactRows(@TempDir Path tmp) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(List.of(java));
    command.addAll(LAUNCHER_HEAP);
    command.addAll(List.of("-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
        AnalyzerCli.class.getName(), "report", "relay", "--format", "csv", "--year", "2026", "--timezone", "UTC",
        "-"));
    Path errors = tmp.resolve("child.err");
    Process child = new ProcessBuilder(command).redirectError(errors.toFile()).start();
    Thread feeder = new Thread(() -> {
      try (Writer in = new BufferedWriter(new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8),
          1 << 16)) {
        writeLog(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    feeder.start();
    long rows = 0;
    long recipients = 0;
    String[] totals = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String header = out.readLine();
      assertThat(header).startsWith("domain,recipients,delivered,");
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        String[] cells = line.split(",", -1);
        if (cells[0].equals("*")) {
          totals = cells;
          continue;
        }
        rows++;
        assertThat(cells[1]).as(line).isEqualTo("1"); // recipients
        assertThat(cells[2]).as(line).isEqualTo("1"); // delivered
        recipients += Long.parseLong(cells[1]);
      }
    }
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the report finished").isTrue();
    feeder.join();
    assertThat(child.exitValue()).as(Files.readString(errors)).isZero();
    assertThat(rows).isEqualTo(DOMAINS);
    assertThat(recipients).isEqualTo(DOMAINS);
    assertThat(totals).as("the totals row").isNotNull();
    assertThat(Arrays.asList(totals).subList(0, 3)).containsExactly("*", "1000000", "1000000");
    assertThat(Files.readString(errors)).contains(String.format(Locale.ROOT, "%,d lines",
        DOMAINS / PER_MESSAGE * (PER_MESSAGE + 2L)));
  }

  /** A Postfix log of DOMAINS recipients, each at a domain of its own, PER_MESSAGE to a message. */
  private static void writeLog(Writer out) throws IOException {
    StringBuilder sb = new StringBuilder(4096);
    for (int m = 0; m < DOMAINS / PER_MESSAGE; m++) {
      sb.setLength(0);
      String time = String.format(Locale.ROOT, "Dec  1 %02d:%02d:%02d", m / 36_000 % 24, m / 600 % 60, m / 10 % 60);
      String qid = String.format(Locale.ROOT, "%010X", m + 1);
      sb.append(time).append(" mx postfix/qmgr[100]: ").append(qid).append(": from=<sender").append(m)
          .append("@senders.example>, size=1200, nrcpt=").append(PER_MESSAGE).append(" (queue active)\n");
      for (int r = 0; r < PER_MESSAGE; r++) {
        int d = m * PER_MESSAGE + r;
        sb.append(time).append(" mx postfix/smtp[200]: ").append(qid).append(": to=<user@d").append(d)
            .append(".example>, relay=mx.d").append(d).append(".example[203.0.113.").append(1 + d % 250)
            .append("]:25, delay=1.").append(d % 10).append(", delays=0.1/0/0.5/0.").append(d % 10 + 1)
            .append(", dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ").append(d).append(")\n");
      }
      sb.append(time).append(" mx postfix/qmgr[100]: ").append(qid).append(": removed\n");
      out.append(sb);
    }
  }
}
