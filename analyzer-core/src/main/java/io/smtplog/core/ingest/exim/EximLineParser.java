package io.smtplog.core.ingest.exim;

import io.smtplog.core.ingest.LineParser;
import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.model.DaemonMessage;
import io.smtplog.core.model.DeliveryAttempt;
import io.smtplog.core.model.EntryContinuation;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.MessageArrival;
import io.smtplog.core.model.Mta;
import io.smtplog.core.model.ProcessRef;
import io.smtplog.core.model.QueueId;
import io.smtplog.core.model.Rejected;
import io.smtplog.core.model.Severity;
import io.smtplog.core.model.SourceRef;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads Exim's own log files, mainlog, rejectlog and paniclog (exim-log-format reference section
 * 1), line by line. A line without a timestamp continues the entry above it (a reject-log header
 * dump, section 7.1, or a logged text that held a newline) and becomes an {@link EntryContinuation}
 * of that entry; the reader cuts Exim files only before a timestamped line, so the entry above is
 * always in the same chunk. Every paniclog entry is a {@link Severity#PANIC} diagnostic. Not
 * thread-safe; one per chunk.
 */
public final class EximLineParser implements LineParser {
  /** Which of Exim's logs a file is, from its name. */
  public enum LogKind {
    MAIN, REJECT, PANIC;

    /** "rejectlog", "rejectlog-20240501", "exim_rejectlog.1.gz" are reject logs; likewise panic. */
    public static LogKind ofFileName(String name) {
      String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
          .toLowerCase(Locale.ROOT);
      if (base.contains("reject")) {
        return REJECT;
      }
      return base.contains("panic") ? PANIC : MAIN;
    }
  }

  private static final ProcessRef NO_PID = new ProcessRef("", "", "exim", EximTimestamp.NO_PID);

  private final EximTimestamp stamps;
  private final EximEntryParser entries = new EximEntryParser();
  private final LogKind kind;
  private final String host;

  // The entry that continuation lines belong to: the last timestamped line of this chunk.
  private Instant entryAt;
  private ProcessRef entryProcess;
  private Optional<QueueId> entryQueueId = Optional.empty();
  private SourceRef entrySource;

  /**
   * @param zone for timestamps without {@code +ZZZZ}
   * @param host the host name to record as the writer ("" when unknown: Exim's files do not say)
   */
  public EximLineParser(ZoneId zone, LogKind kind, String host) {
    this.stamps = new EximTimestamp(zone);
    this.kind = kind;
    this.host = host;
  }

  /** True when {@code line} starts with Exim's "YYYY-MM-DD HH:MM:SS" stamp. */
  public static boolean startsWithTimestamp(String line) {
    return EximTimestamp.startsWithStamp(line, 0);
  }

  @Override
  public LineResult parse(String line, SourceRef source) {
    if (line.isEmpty()) {
      return LineResult.BLANK;
    }
    if (!EximTimestamp.startsWithStamp(line, 0)) {
      return continuation(line, source);
    }
    if (!stamps.parse(line, 0)) {
      return LineResult.malformed(source, ProblemKind.BAD_TIMESTAMP, "date or time out of range", line);
    }
    ProcessRef process = stamps.pid() == EximTimestamp.NO_PID && host.isEmpty()
        ? NO_PID : new ProcessRef(host, "", "exim", stamps.pid());
    int text = stamps.end();
    entryAt = stamps.at();
    entryProcess = process;
    entrySource = source;
    entryQueueId = Optional.empty();
    LineResult result;
    if (kind == LogKind.PANIC) {
      int idEnd = EximMessageIds.end(line, text);
      if (idEnd > 0) {
        entryQueueId = Optional.of(new QueueId(line.substring(text, idEnd)));
      }
      result = new LineResult.Parsed(new DaemonMessage(entryAt, source, Mta.EXIM, process, Severity.PANIC,
          line.substring(Math.min(text, line.length()))));
    } else {
      result = entries.parse(line, text, entryAt, process, source);
    }
    if (result instanceof LineResult.Parsed parsed) {
      entryQueueId = queueIdOf(parsed.event(), entryQueueId);
    }
    return result;
  }

  private LineResult continuation(String line, SourceRef source) {
    if (line.isBlank()) {
      return LineResult.BLANK;
    }
    if (entrySource == null) {
      return LineResult.malformed(source, ProblemKind.UNKNOWN_FORMAT,
          "not an Exim log line (no timestamp) and no entry above it to continue", line);
    }
    return new LineResult.Parsed(new EntryContinuation(entryAt, source, Mta.EXIM, entryProcess, entryQueueId,
        entrySource, line));
  }

  private static Optional<QueueId> queueIdOf(MailEvent event, Optional<QueueId> otherwise) {
    if (event instanceof Rejected r) {
      return r.queueId();
    }
    if (event instanceof MessageArrival a) {
      return Optional.of(a.queueId());
    }
    if (event instanceof DeliveryAttempt d) {
      return Optional.of(d.queueId());
    }
    return otherwise;
  }
}
