package io.smtplog.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.ingest.IngestReport;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.ingest.syslog.YearResolver;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.samples.SampleLogs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stamps without a year (issue 9, section 3): without {@code --year} the newest stamp of an input
 * is never after the time of the run (nor after the file's modification time), and lines stay in
 * order across a New Year, whatever the file's modification time says. "Now" is fixed.
 */
class YearTrackerTest {
  // sample-logs/postfix/loopback-relay.log records, with the days changed to span a New Year
  private static final String NEW_YEAR = "Dec 30 13:28:45 mx1 postfix/qmgr[4927]: 2084020C171: removed\n"
      + "Dec 31 23:59:59 mx1 postfix/qmgr[4927]: 31C5720C171: removed\n"
      + "Jan  1 00:00:01 mx1 postfix/qmgr[4927]: 40F8F20C171: removed\n"
      + "Jan 02 13:29:02 mx1 postfix/qmgr[4927]: 4D6C120C171: removed\n";
  private static final LogInput STDIN = new LogInput("-", Optional.empty());

  @TempDir
  Path dir;

  private static ReadOptions at(String now) {
    return new ReadOptions(ZoneOffset.UTC, OptionalInt.empty(), 1, 20)
        .withClock(Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
  }

  private static YearResolver start(ReadOptions options, LogInput input, String text, boolean whole) {
    byte[] data = text.getBytes(StandardCharsets.US_ASCII);
    return new YearTracker(options).start(input, data, data.length, whole);
  }

  private Path file(String name, String text, String modified) throws IOException {
    Path path = dir.resolve(name);
    Files.writeString(path, text, StandardCharsets.US_ASCII);
    Files.setLastModifiedTime(path, FileTime.from(Instant.parse(modified)));
    return path;
  }

  @Test
  void standardInput_readOnJan5_decemberIsLastYear_januaryThisYear() {
    YearResolver years = start(at("2027-01-05T09:00:00Z"), STDIN, NEW_YEAR, true);
    assertThat(years.yearFor(12)).isEqualTo(2026);
    assertThat(years.yearFor(1)).isEqualTo(2027);
  }

  @Test
  void copiedFile_whoseModificationTimeIsToday_isDatedByItsContent_notInTheFuture() throws IOException {
    // copied on 2026-11-20: Dec 30 .. Jan 2 cannot be Dec 2026, which is still to come
    Path copy = file("mail.log", NEW_YEAR, "2026-11-20T08:00:00Z");
    YearResolver years = start(at("2026-11-20T08:00:05Z"), LogInput.of(copy), NEW_YEAR, true);
    assertThat(years.yearFor(12)).isEqualTo(2025);
    assertThat(years.yearFor(1)).isEqualTo(2026);
  }

  @Test
  void aLogThatSpansTheMonthOfItsCopy_staysInOrder() throws IOException {
    // Oct 2025 .. Dec 2025, copied on 2026-11-20: the month rule of the modification time made it
    // Oct 2026, Nov 2026, then Dec 2025
    String text = "Oct 30 10:00:00 mx1 postfix/qmgr[1]: 2084020C171: removed\n"
        + "Nov 25 10:00:00 mx1 postfix/qmgr[1]: 31C5720C171: removed\n"
        + "Dec 02 10:00:00 mx1 postfix/qmgr[1]: 40F8F20C171: removed\n";
    Path copy = file("copied.log", text, "2026-11-20T08:00:00Z");
    YearResolver years = start(at("2026-11-20T09:00:00Z"), LogInput.of(copy), text, true);
    assertThat(List.of(years.yearFor(10), years.yearFor(11), years.yearFor(12))).containsOnly(2025);
  }

  @Test
  void newestStampLaterToday_thanTheRun_isLastYear() {
    String text = "Nov 20 07:59:00 mx1 postfix/qmgr[1]: 2084020C171: removed\n"
        + "Nov 20 08:00:01 mx1 postfix/qmgr[1]: 31C5720C171: removed\n";
    assertThat(start(at("2026-11-20T08:00:00Z"), STDIN, text, true).yearFor(11)).isEqualTo(2025);
    assertThat(start(at("2026-11-20T08:00:01Z"), STDIN, text, true).yearFor(11)).isEqualTo(2026);
  }

  @Test
  void rotatedFileWithItsOwnModificationTime_keepsItsYear_andAFutureModificationTimeIsNotBelieved() throws IOException {
    Path old = file("mail.log.4", NEW_YEAR, "2025-01-02T13:30:00Z");
    YearResolver years = start(at("2026-11-20T08:00:00Z"), LogInput.of(old), NEW_YEAR, true);
    assertThat(years.yearFor(12)).isEqualTo(2024);
    assertThat(years.yearFor(1)).isEqualTo(2025);
    Path skewed = file("skewed.log", NEW_YEAR, "2027-06-01T00:00:00Z");
    assertThat(start(at("2027-01-01T12:00:00Z"), LogInput.of(skewed), NEW_YEAR, true).yearFor(1))
        .as("Jan 2 2027 would be after the run").isEqualTo(2026);
  }

  @Test
  void fileLongerThanAChunk_isDatedByTheStampAtItsEnd() throws IOException {
    Path log = file("big.log", NEW_YEAR, "2026-11-20T08:00:00Z");
    // only the first two lines in the first chunk: the end of the file says Jan 2
    String firstChunk = NEW_YEAR.substring(0, NEW_YEAR.indexOf("Jan"));
    YearResolver years = start(at("2027-01-05T09:00:00Z"), LogInput.of(log), firstChunk, false);
    assertThat(years.yearFor(12)).isEqualTo(2025);
    assertThat(years.yearFor(1)).isEqualTo(2026);
  }

  @Test
  void compressedFileOrStandardInputLongerThanAChunk_isDatedByItsFirstStamp() throws IOException {
    Path gz = dir.resolve("mail.log.2.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(NEW_YEAR.getBytes(StandardCharsets.US_ASCII));
    }
    Files.setLastModifiedTime(gz, FileTime.from(Instant.parse("2027-01-03T00:00:00Z")));
    YearResolver years = start(at("2027-01-05T09:00:00Z"), LogInput.of(gz), NEW_YEAR, false);
    assertThat(years.yearFor(12)).isEqualTo(2026);
    assertThat(years.yearFor(1)).isEqualTo(2027);
    // standard input whose first stamp, Nov 25, is after the run's Nov 20: last year's
    String text = "Nov 25 10:00:00 mx1 postfix/qmgr[1]: 2084020C171: removed\n";
    YearResolver stdin = start(at("2026-11-20T09:00:00Z"), STDIN, text, false);
    assertThat(stdin.yearFor(11)).isEqualTo(2025);
    assertThat(stdin.yearFor(1)).as("carried on past New Year").isEqualTo(2026);
  }

  @Test
  void pipeline_datesTheSampleByItsContent_neverAfterTheRun() throws IOException {
    // loopback-relay.log ends on Nov 29 13:30: read at 12:00 that day it is last year's (a file time
    // later than the run is not believed); read two days later, this year's
    byte[] sample = Files.readAllBytes(SampleLogs.path("postfix/loopback-relay.log"));
    Path copy = dir.resolve("loopback-relay.log");
    Files.write(copy, sample);
    Files.setLastModifiedTime(copy, FileTime.from(Instant.parse("2026-12-01T12:00:00Z")));
    List<MailEvent> events = new ArrayList<>();
    IngestReport report = new LogPipeline(at("2026-11-29T12:00:00Z")).run(List.of(LogInput.of(copy)), events::add);
    assertThat(report.problems()).isZero();
    assertThat(events).allSatisfy(e -> assertThat(e.at()).isBefore(Instant.parse("2026-11-29T12:00:00Z")));
    assertThat(events.get(0).at()).isEqualTo(Instant.parse("2025-11-29T13:28:45Z"));
    events.clear();
    new LogPipeline(at("2026-12-01T12:00:00Z")).run(List.of(LogInput.of(copy)), events::add);
    assertThat(events.get(0).at()).isEqualTo(Instant.parse("2026-11-29T13:28:45Z"));
  }
}
