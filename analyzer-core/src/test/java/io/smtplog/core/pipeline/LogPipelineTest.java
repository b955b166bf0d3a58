package io.smtplog.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.InputResolver;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.model.DeliveryAttempt;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.samples.SampleLogs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogPipelineTest {
  private static final String DELIVERY = "Nov 29 13:28:45 mx1 postfix/smtp[4935]: DF0FD20C18F: to=<carol@example.org>,"
      + " relay=127.0.0.2[127.0.0.2]:2525, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok)\n";

  @TempDir Path dir;

  private static ReadOptions options(int threads, int year) {
    return new ReadOptions(ZoneOffset.UTC, OptionalInt.of(year), threads, 20);
  }

  private static ReadOptions options(int threads) {
    return options(threads, 2026);
  }

  private static List<MailEvent> read(List<LogInput> inputs, int threads, IngestReport[] report) {
    List<MailEvent> events = new ArrayList<>();
    report[0] = new LogPipeline(options(threads)).run(inputs, events::add);
    return events;
  }

  @Test
  void everyCompression_readsTheSameLines() throws IOException {
    byte[] plain = Files.readAllBytes(SampleLogs.path("postfix/loopback-relay.log"));
    write(dir.resolve("a.log.gz"), plain, GZIPOutputStream::new);
    write(dir.resolve("b.log.bz2"), plain, BZip2CompressorOutputStream::new);
    write(dir.resolve("c.log.xz"), plain, XZCompressorOutputStream::new);
    write(dir.resolve("d.log.zst"), plain, ZstdCompressorOutputStream::new);
    Files.write(dir.resolve("e.log"), plain);
    for (String name : List.of("a.log.gz", "b.log.bz2", "c.log.xz", "d.log.zst", "e.log")) {
      IngestReport[] report = new IngestReport[1];
      List<MailEvent> events = read(List.of(LogInput.of(dir.resolve(name))), 2, report);
      assertThat(report[0].linesRead()).as(name).isEqualTo(1702);
      assertThat(events).as(name).hasSize(882);
      assertThat(report[0].problems()).as(name).isZero();
    }
  }

  @Test
  void rotatedSet_isReadOldestFirst() throws IOException {
    for (String name : List.of("mail.log", "mail.log.1", "mail.log.2.gz", "mail.log.10.gz", "mail.log-20240501")) {
      Files.writeString(dir.resolve(name), "x\n");
    }
    Files.writeString(dir.resolve("README.md"), "not a log\n"); // (a notes.txt is read: FolderInputsTest)
    List<String> order = InputResolver.resolve(List.of(dir.toString())).stream()
        .map(i -> i.path().orElseThrow().getFileName().toString()).toList();
    assertThat(order).containsExactly("mail.log-20240501", "mail.log.10.gz", "mail.log.2.gz", "mail.log.1", "mail.log");
  }

  @Test
  void givenYear_carriesOnAcrossARotatedSet_overNewYear() throws IOException {
    Files.writeString(dir.resolve("mail.log.1"), "Dec 30 10:00:00 mx postfix/qmgr[1]: ABCDEF0001: removed\n"
        + "Dec 31 23:59:59 mx postfix/qmgr[1]: ABCDEF0002: removed\n");
    Files.writeString(dir.resolve("mail.log"), "Jan  1 00:00:01 mx postfix/qmgr[1]: ABCDEF0003: removed\n"
        + "Feb  2 08:00:00 mx postfix/qmgr[1]: ABCDEF0004: removed\n");
    for (int threads : new int[] {1, 2}) {
      List<MailEvent> events = new ArrayList<>();
      new LogPipeline(options(threads, 2025)).run(InputResolver.resolve(List.of(dir.toString())), events::add);
      assertThat(events).extracting(e -> e.at().toString()).containsExactly("2025-12-30T10:00:00Z",
          "2025-12-31T23:59:59Z", "2026-01-01T00:00:01Z", "2026-02-02T08:00:00Z");
    }
  }

  @Test
  void crlfLineEndings_invalidUtf8_andAMissingFinalNewline() throws IOException {
    byte[] bad = "Nov 29 13:28:45 mx1 postfix/smtp[4935]: DF0FD20C18F: to=<caf\u00e9@example.org>,".getBytes(StandardCharsets.ISO_8859_1);
    Path log = dir.resolve("mixed.log");
    try (OutputStream out = Files.newOutputStream(log)) {
      out.write(DELIVERY.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
      out.write(bad);
      out.write(" relay=none, delay=0, delays=0/0/0/0, dsn=4.4.1, status=deferred (x)\n".getBytes(StandardCharsets.UTF_8));
      out.write(DELIVERY.strip().getBytes(StandardCharsets.UTF_8));
    }
    IngestReport[] report = new IngestReport[1];
    List<MailEvent> events = read(List.of(LogInput.of(log)), 1, report);
    assertThat(report[0].linesRead()).isEqualTo(3);
    assertThat(events).hasSize(3);
    assertThat(((DeliveryAttempt) events.get(0)).detail()).isEqualTo("250 2.0.0 Ok");
    assertThat(((DeliveryAttempt) events.get(1)).recipient()).isEqualTo("caf\uFFFD@example.org");
    assertThat(events.get(2).source().lineNumber()).isEqualTo(3);
  }

  @Test
  void parallelRead_ofManyChunks_equalsSequentialRead_lineNumbersIncluded() throws IOException {
    byte[] sample = Files.readAllBytes(SampleLogs.path("postfix/loopback-relay.log"));
    Path big = dir.resolve("big.log");
    try (OutputStream out = Files.newOutputStream(big)) {
      for (int i = 0; i < 25; i++) {
        out.write(sample); // about 4 MB: several 1 MiB chunks, boundaries inside lines
        out.write("this line is not syslog\n".getBytes(StandardCharsets.UTF_8));
      }
    }
    IngestReport[] seq = new IngestReport[1];
    IngestReport[] par = new IngestReport[1];
    List<MailEvent> sequential = read(List.of(LogInput.of(big)), 1, seq);
    List<MailEvent> parallel = read(List.of(LogInput.of(big)), 4, par);
    assertThat(parallel).isEqualTo(sequential);
    assertThat(par[0].linesRead()).isEqualTo(seq[0].linesRead()).isEqualTo(25L * 1703);
    assertThat(par[0].samples()).isEqualTo(seq[0].samples());
    assertThat(seq[0].problemsByKind()).containsEntry(ProblemKind.UNKNOWN_FORMAT, 25L);
    assertThat(seq[0].samples().get(1).source().lineNumber()).isEqualTo(2 * 1703);
    assertThat(sequential.get(sequential.size() - 1).source().lineNumber()).isLessThan(25L * 1703);
  }

  @Test
  void aLineOfManyMegabytes_isSkippedAndCounted_andTheLinesAfterItKeepTheirNumbers() throws IOException {
    Path log = dir.resolve("binary.log");
    try (OutputStream out = Files.newOutputStream(log)) {
      out.write(DELIVERY.getBytes(StandardCharsets.UTF_8));
      byte[] junk = new byte[20 << 20];
      java.util.Arrays.fill(junk, (byte) 'x');
      out.write(junk);
      out.write('\n');
      out.write(DELIVERY.getBytes(StandardCharsets.UTF_8));
    }
    IngestReport[] report = new IngestReport[1];
    List<MailEvent> events = read(List.of(LogInput.of(log)), 2, report);
    assertThat(events).hasSize(2);
    assertThat(events.get(1).source().lineNumber()).isEqualTo(3);
    assertThat(report[0].linesRead()).isEqualTo(3);
    assertThat(report[0].problemsByKind()).containsEntry(ProblemKind.TRUNCATED, 1L);
    assertThat(report[0].samples().get(0).detail()).contains("longer than 8 MiB");
  }

  @Test
  void aFailingSink_stopsTheRead_andLeavesNoReaderThreadBehind() throws Exception {
    Path big = dir.resolve("big.log");
    byte[] sample = Files.readAllBytes(SampleLogs.path("postfix/loopback-relay.log"));
    try (OutputStream out = Files.newOutputStream(big)) {
      for (int i = 0; i < 40; i++) {
        out.write(sample);
      }
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LogPipeline(options(2)).run(
        List.of(LogInput.of(big)), e -> {
          throw new IllegalStateException("sink failed");
        })).hasMessage("sink failed");
    for (int i = 0; i < 50 && readerThreadAlive(); i++) {
      Thread.sleep(20);
    }
    assertThat(readerThreadAlive()).isFalse();
  }

  private static boolean readerThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("smtplog-read") && t.isAlive());
  }

  @Test
  void missingFile_isCountedAsUnreadable_andReadingGoesOn() throws IOException {
    Path ok = dir.resolve("ok.log");
    Files.writeString(ok, DELIVERY);
    IngestReport[] report = new IngestReport[1];
    List<MailEvent> events = read(List.of(LogInput.of(dir.resolve("gone.log")), LogInput.of(ok)), 2, report);
    assertThat(events).hasSize(1);
    assertThat(report[0].problemsByKind()).containsEntry(ProblemKind.UNREADABLE_INPUT, 1L);
    assertThat(report[0].summary()).contains("1 problem (1 UNREADABLE_INPUT)");
  }

  private interface Compressor {
    OutputStream wrap(OutputStream out) throws IOException;
  }

  private static void write(Path path, byte[] data, Compressor compressor) throws IOException {
    try (OutputStream out = compressor.wrap(Files.newOutputStream(path))) {
      out.write(data);
    }
  }
}
