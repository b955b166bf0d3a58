package io.smtplog.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.LineProblem;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.samples.SampleLogs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11, section 1: inputs that end before their end. A compressed file cut in its middle (a
 * copy in progress, a rotation interrupted) gives every whole line its codec still delivers, says
 * once that it ends early, and counts its bytes; a file truncated while it is read says so.
 */
class DamagedInputsTest {
  @TempDir Path dir;

  private interface Compressor {
    OutputStream wrap(OutputStream out) throws IOException;
  }

  private static Compressor codec(String name) {
    return switch (name) {
      case "gzip" -> GZIPOutputStream::new;
      // bzip2 decodes whole blocks: 100k blocks, so that a cut archive still holds some whole ones
      case "bzip2" -> out -> new BZip2CompressorOutputStream(out, 1);
      case "xz" -> out -> new XZCompressorOutputStream(out, 1); // preset 1: quick, and as real a stream
      case "zstd" -> ZstdCompressorOutputStream::new;
      default -> throw new IllegalArgumentException(name);
    };
  }

  /**
   * {@code copies} times the Postfix sample (1,702 lines each), each copy with other process ids,
   * so that it compresses as a real log does (copies alike would compress to almost nothing).
   */
  private static byte[] log(int copies) throws IOException {
    String sample = Files.readString(SampleLogs.path("postfix/loopback-relay.log"));
    java.util.Random random = new java.util.Random(copies);
    StringBuilder out = new StringBuilder(sample.length() * copies + copies * 1024);
    for (int i = 0; i < copies; i++) {
      out.append(java.util.regex.Pattern.compile("\\[\\d+\\]:").matcher(sample)
          .replaceAll(m -> "[" + (1000 + random.nextInt(90000)) + "]:"));
    }
    return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private Path cutArchive(String codec, byte[] plain, double keep) throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (OutputStream out = codec(codec).wrap(compressed)) {
      out.write(plain);
    }
    byte[] all = compressed.toByteArray();
    Path file = dir.resolve("mail.log.1." + codec);
    Files.write(file, java.util.Arrays.copyOf(all, (int) (all.length * keep)));
    return file;
  }

  /** What the codec delivers of a cut archive, read byte by byte up to its failure. */
  private static byte[] deliverable(Path file) throws IOException {
    ByteArrayOutputStream delivered = new ByteArrayOutputStream();
    try (InputStream in = LogPipeline.openContent(LogInput.of(file))) {
      byte[] one = new byte[1];
      while (in.read(one, 0, 1) > 0) {
        delivered.write(one[0]);
      }
      throw new AssertionError("the cut archive " + file + " was read to its end");
    } catch (IOException expected) {
      return delivered.toByteArray();
    }
  }

  private static long newlines(byte[] data, int from, int to) {
    long count = 0;
    for (int i = Math.max(0, from); i < to; i++) {
      count += data[i] == '\n' ? 1 : 0;
    }
    return count;
  }

  private static IngestReport read(Path file, int threads) {
    return new LogPipeline(new ReadOptions(ZoneOffset.UTC, OptionalInt.of(2026), threads, 20))
        .run(List.of(LogInput.of(file)), e -> { });
  }

  /**
   * Every codec gives every line it decoded, up to the byte (bzip2, xz and zstd drop what a read
   * had decoded when they fail in it: the file is decoded again up to there). A small archive cut
   * in its first xz chunk (up to 2 MB of text) or zstd block (128 KiB) gives nothing: the decoders
   * read a chunk whole before they decode it.
   */
  @ParameterizedTest(name = "{0}, {1} copies of the sample, {2} of the archive kept")
  @CsvSource({
    "gzip, 1, 0.5", "gzip, 16, 0.6", "bzip2, 2, 0.6", "bzip2, 16, 0.5", "xz, 16, 0.6", "xz, 24, 0.3",
    "zstd, 1, 0.9", "zstd, 16, 0.6"})
  void aCutArchive_givesEveryWholeLineItsCodecDelivers_andSaysOnceThatItEndsEarly(String codec, int copies,
      double keep) throws IOException {
    byte[] plain = log(copies);
    Path file = cutArchive(codec, plain, keep);
    byte[] delivered = deliverable(file);
    long wholeLines = newlines(delivered, 0, delivered.length);
    // Sanity of the cut: the codec still delivers a good part of the lines, and not all of them.
    assertThat(wholeLines).isPositive().isLessThan(1702L * copies);
    for (int threads : new int[] {1, 2}) {
      IngestReport report = read(file, threads);
      long lines = report.linesRead();
      assertThat(lines).as("%s, %d threads", codec, threads).isEqualTo(wholeLines);
      assertThat(report.bytesRead()).as("bytes the codec delivered, the last partial line too")
          .isEqualTo(delivered.length);
      assertThat(report.problems()).isEqualTo(1);
      LineProblem problem = report.samples().get(0);
      assertThat(problem.kind()).isEqualTo(ProblemKind.UNREADABLE_INPUT);
      assertThat(problem.source().file()).isEqualTo(file.toString());
      assertThat(problem.source().lineNumber()).isEqualTo(lines + 1);
      assertThat(problem.detail()).isEqualTo("the compressed data ends early after " + lines
          + " lines (a cut or unfinished copy?): the lines before were read");
      assertThat(report.files()).containsExactly(file.toString());
      assertThat(report.inputsNotOpened()).isZero();
    }
  }

  @Test
  void aGzipDamagedInItsMiddle_saysSo_andKeepsTheLinesBefore() throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(compressed)) {
      out.write(log(2));
    }
    byte[] bytes = compressed.toByteArray();
    for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
      bytes[i] = (byte) ~bytes[i];
    }
    Path file = dir.resolve("flipped.log.gz");
    Files.write(file, bytes);
    byte[] delivered = deliverable(file);
    IngestReport report = new LogPipeline(new ReadOptions(ZoneOffset.UTC, OptionalInt.of(2026), 2, 5000))
        .run(List.of(LogInput.of(file)), e -> { });
    // The flipped bytes decode to text before the codec notices (its lines are problems of their own).
    assertThat(report.linesRead()).isEqualTo(newlines(delivered, 0, delivered.length)).isPositive();
    assertThat(report.problemsByKind()).containsEntry(ProblemKind.UNREADABLE_INPUT, 1L);
    LineProblem damage = report.samples().stream().filter(p -> p.kind() == ProblemKind.UNREADABLE_INPUT)
        .findFirst().orElseThrow();
    assertThat(damage.detail()).startsWith("the compressed data is damaged after " + report.linesRead() + " lines (");
  }

  /**
   * A report reads a file that is truncated under it (a copytruncate rotation): the read stops at
   * the truncation, and one problem says the report covers only the part read.
   */
  @Test
  void aFileTruncatedWhileAReportReadsIt_saysTheReportCoversOnlyThePartRead() throws IOException {
    Path file = dir.resolve("mail.log");
    byte[] plain = log(14); // more than two chunks of LogPipeline.CHUNK_BYTES
    assertThat(plain.length).isGreaterThan(2 * LogPipeline.CHUNK_BYTES);
    Files.write(file, plain);
    long firstChunkLines = newlines(plain, 0, LogPipeline.CHUNK_BYTES);
    List<String> seen = new ArrayList<>();
    IngestReport report = new LogPipeline(new ReadOptions(ZoneOffset.UTC, OptionalInt.of(2026), 1, 20))
        .run(List.of(LogInput.of(file)), e -> {
          if (seen.isEmpty()) {
            try {
              Files.write(file, new byte[0]); // truncated while the first chunk's events are handed on
            } catch (IOException x) {
              throw new java.io.UncheckedIOException(x);
            }
          }
          seen.add(e.source().file());
        });
    assertThat(report.linesRead()).isEqualTo(firstChunkLines);
    assertThat(report.problems()).isEqualTo(1);
    assertThat(report.samples().get(0).detail()).isEqualTo("the file was truncated while it was read (it has 0"
        + " bytes now, " + LogPipeline.CHUNK_BYTES + " were read): the report covers only the part read");
  }
}
