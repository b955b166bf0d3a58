package io.smtplog.core.ingest.exim;

import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.RecentProcesses;
import io.smtplog.core.ingest.syslog.SyslogHeader;
import io.smtplog.core.ingest.syslog.SyslogMessageParser;
import io.smtplog.core.model.ProcessRef;
import io.smtplog.core.model.SourceRef;
import java.time.ZoneId;

/**
 * Exim logging through syslog ({@code log_file_path = syslog}; exim-log-format reference section
 * 1): tag {@code exim} (or {@code exim4}, {@code syslog_processname}), the message is the main-log
 * text, with Exim's own timestamp unless {@code syslog_timestamp = false}. Entries longer than
 * syslog allows, and multi-line reject-log entries, come in pieces prefixed {@code [n/m]} or
 * {@code [n\m]}: the first piece is parsed, later pieces are known continuations. Not thread-safe.
 */
public final class EximSyslogParser implements SyslogMessageParser {
  private final EximTimestamp stamps;
  private final EximEntryParser entries = new EximEntryParser();
  private final RecentProcesses processes = new RecentProcesses();

  public EximSyslogParser(ZoneId zone) {
    this.stamps = new EximTimestamp(zone);
  }

  @Override
  public boolean accepts(String tag) {
    return tag.startsWith("exim") && (tag.length() == 4 || tag.equals("exim4") || tag.startsWith("exim/")
        || tag.startsWith("exim-"));
  }

  @Override
  public LineResult parse(String line, SyslogHeader header, SourceRef source) {
    int p = header.messageStart();
    int piece = pieceEnd(line, p);
    if (piece > 0) {
      if (!line.startsWith("[1/", p) && !line.startsWith("[1\\", p)) {
        return LineResult.known("syslog continuation piece");
      }
      p = piece;
    }
    java.time.Instant at = header.at();
    long pid = header.pid();
    if (EximTimestamp.startsWithStamp(line, p) && stamps.parse(line, p)) {
      at = stamps.at(); // Exim's own stamp has the year, and milliseconds with +millisec
      if (stamps.pid() != EximTimestamp.NO_PID) {
        pid = stamps.pid();
      }
      p = stamps.end();
    }
    ProcessRef process = processes.of(header.host(), header.instance(), header.program(), pid);
    return entries.parse(line, p, at, process, source);
  }

  /** The index after a "[n/m] " or "[n\m] " piece marker at {@code p}, or -1. */
  private static int pieceEnd(String line, int p) {
    if (p >= line.length() || line.charAt(p) != '[') {
      return -1;
    }
    int close = line.indexOf("] ", p);
    if (close < 0 || close - p > 12) {
      return -1;
    }
    for (int i = p + 1; i < close; i++) {
      char c = line.charAt(i);
      if (!(Character.isDigit(c) || c == '/' || c == '\\')) {
        return -1;
      }
    }
    return (line.indexOf('/', p) > 0 && line.indexOf('/', p) < close)
        || (line.indexOf('\\', p) > 0 && line.indexOf('\\', p) < close) ? close + 2 : -1;
  }
}
