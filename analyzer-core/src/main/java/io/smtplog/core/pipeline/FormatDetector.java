package io.smtplog.core.pipeline;

import io.smtplog.core.ingest.InputFormat;
import io.smtplog.core.ingest.exim.EximLineParser;
import io.smtplog.core.ingest.journal.JournalLineParser;
import io.smtplog.core.ingest.syslog.SyslogHeader;
import io.smtplog.core.ingest.syslog.SyslogHeaderParser;
import io.smtplog.core.ingest.syslog.YearResolver;
import io.smtplog.core.ingest.transcript.TranscriptDetector;
import io.smtplog.core.ingest.transcript.TranscriptNotation;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

/**
 * Tells what kind of input a file is from its first lines: syslog lines (any program), Exim's own
 * timestamped entries, journal entries in JSON ({@code journalctl -o json}), or transcript lines
 * (by their notation's marks). The kind with most lines wins. Where the first {@value #SCANNED_LINES} lines show none of them (a document or a bounce
 * message with a dialogue further down), the rest of the first chunk is searched. A file with
 * none of them is read as syslog, so its lines become counted problems.
 */
final class FormatDetector {
  static final int SCANNED_LINES = 400;

  /** A file's kind, and for transcripts their notation. */
  record Detected(InputFormat format, TranscriptNotation notation) {}

  private FormatDetector() {}

  static Detected detect(byte[] data, int length) {
    SyslogHeaderParser syslog = new SyslogHeaderParser(ZoneOffset.UTC, YearResolver.startingIn(2000, 1));
    TranscriptDetector transcript = new TranscriptDetector();
    int syslogLines = 0;
    int eximLines = 0;
    int journalLines = 0;
    int start = 0;
    int lines = 0;
    while (start < length && (lines < SCANNED_LINES || syslogLines + eximLines + journalLines + transcript.markedLines() == 0)) {
      int end = Newlines.indexOf(data, start, length);
      int stop = end > start && data[end - 1] == '\r' ? end - 1 : end;
      String line = new String(data, start, stop - start, StandardCharsets.UTF_8);
      start = end + 1;
      if (line.isBlank()) {
        continue;
      }
      lines++;
      if (JournalLineParser.looksLikeEntry(line)) {
        journalLines++;
        continue;
      }
      if (EximLineParser.startsWithTimestamp(line)) {
        SyslogHeader header = syslog.parse(line);
        if (header != null && (header.tag().startsWith("postfix") || header.tag().startsWith("exim"))) {
          syslogLines++; // "2024-05-01 10:00:00 mx postfix/smtpd[1]: ..." from a syslog template
        } else {
          eximLines++;
        }
        continue;
      }
      if (syslog.parse(line) != null) {
        syslogLines++;
        continue;
      }
      transcript.add(line);
    }
    int marked = transcript.markedLines();
    if (journalLines > 0 && journalLines >= syslogLines + eximLines && journalLines >= marked) {
      return new Detected(InputFormat.JOURNAL, null);
    }
    if (eximLines > 0 && eximLines >= syslogLines && eximLines >= marked) {
      return new Detected(InputFormat.EXIM, null);
    }
    if (syslogLines > 0 && syslogLines >= marked) {
      return new Detected(InputFormat.SYSLOG, null);
    }
    if (marked > 0 || transcript.bareReplies() > 0) {
      return new Detected(InputFormat.TRANSCRIPT, transcript.notation());
    }
    return new Detected(InputFormat.SYSLOG, null);
  }
}
