package io.smtplog.core.samples;

import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.pipeline.ReadOptions;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.stream.Stream;

/** Finds the shared sample-logs folder (Surefire property sampleLogs.dir) and its read options. */
public final class SampleLogs {
  private SampleLogs() {}

  public static Path dir() {
    String configured = System.getProperty("sampleLogs.dir");
    Path dir = configured != null ? Path.of(configured) : Path.of("../sample-logs");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("sample-logs not found at " + dir.toAbsolutePath());
    }
    return dir.toAbsolutePath().normalize();
  }

  public static Path path(String relative) {
    return dir().resolve(relative);
  }

  /**
   * Transcripts carry no dates: their events get the file's modification time, which a checkout
   * sets to "now". Sample reads give them this one instead (as {@code --transcript-time} does), so
   * expectations do not depend on the checkout.
   */
  public static final Instant TRANSCRIPT_TIME = Instant.parse("2026-11-29T12:00:00Z");

  /** The input with a display name relative to sample-logs, so expectations do not depend on the checkout. */
  public static LogInput input(Path log) {
    return new LogInput(relative(log), Optional.of(log));
  }

  static final String TRANSCRIPT = ".transcript";

  public static String relative(Path log) {
    return dir().relativize(log.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  /**
   * UTC, the year from sample-options.properties (default 2026), {@link #TRANSCRIPT_TIME} for
   * undated transcript lines, and the given thread count.
   */
  /** {@code log} ingested alone into a new local index at {@code index}, as the tests read it (2 threads). */
  public static Path indexed(Path log, Path index) throws IOException {
    io.smtplog.core.index.LogIndexer.ingest(index, List.of(input(log)), options(log, 2), bytes -> { });
    return index;
  }

  public static ReadOptions options(Path log, int threads) throws IOException {
    Properties years = new Properties();
    try (Reader r = Files.newBufferedReader(path("sample-options.properties"), StandardCharsets.UTF_8)) {
      years.load(r);
    }
    int year = Integer.parseInt(years.getProperty(relative(log), "2026"));
    return new ReadOptions(ZoneOffset.UTC, OptionalInt.of(year), threads, 20).withTranscriptTime(TRANSCRIPT_TIME);
  }

  /** Every *.log and *.transcript below {@code folder} of sample-logs, sorted. */
  public static List<Path> logsUnder(String folder) throws IOException {
    try (Stream<Path> walk = Files.walk(path(folder))) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".log")
          || p.getFileName().toString().endsWith(TRANSCRIPT)).sorted().toList();
    }
  }

  /**
   * The reviewed expectation stored in {@code expected}. With {@code -Dsmtplog.updateGolden=true},
   * {@code actual} is written there first: read the diff before committing it. Without it, a
   * missing expectation fails: a new sample needs a reviewed one.
   */
  public static String golden(Path expected, String actual) throws IOException {
    if (Boolean.getBoolean("smtplog.updateGolden")) {
      Files.createDirectories(expected.toAbsolutePath().getParent());
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    } else if (!Files.exists(expected)) {
      throw new AssertionError("no reviewed expectation " + expected + ": run with -Dsmtplog.updateGolden=true,"
          + " read what it wrote line by line against the log, and commit it");
    }
    return Files.readString(expected, StandardCharsets.UTF_8);
  }

  public static Path expectedJson(Path log) {
    return sibling(log, ".expected.json");
  }

  /** The file beside {@code log} with its extension replaced by {@code suffix}. */
  public static Path sibling(Path log, String suffix) {
    String name = log.getFileName().toString();
    return log.resolveSibling(name.substring(0, name.lastIndexOf('.')) + suffix);
  }
}
