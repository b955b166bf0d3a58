package io.smtplog.core.ingest.exim;

import io.smtplog.core.ingest.LineParser;
import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.ingest.RecentProcesses;
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

    /**
     * "rejectlog", "rejectlog-20240501", "exim_rejectlog.1.gz" are reject logs; likewise panic. A
     * file whose own name says neither takes its folder's ("paniclog/0021", as Exim's test suite
     * keeps them).
     */
    public static LogKind ofFileName(String name) {
      String path = name.replace('\\', '/').toLowerCase(Locale.ROOT);
      int slash = path.lastIndexOf('/');
      LogKind own = ofName(path.substring(slash + 1));
      if (own != MAIN || slash <= 0) {
        return own;
      }
      String parent = path.substring(path.lastIndexOf('/', slash - 1) + 1, slash);
      return ofName(parent);
    }

    private static LogKind ofName(String name) {
      if (name.contains("reject")) {
        return REJECT;
      }
      return name.contains("panic") ? PANIC : MAIN;
    }
  }

  private static final ProcessRef NO_PID = new ProcessRef("", "", "exim", EximTimestamp.NO_PID);

  private final EximTimestamp stamps;
  private final EximEntryParser entries = new EximEntryParser();
  private final RecentProcesses processes = new RecentProcesses();
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
    if (line.charAt(0) == '#') {
      return LineResult.COMMENT;
    }
    if (!EximTimestamp.startsWithStamp(line, 0)) {
      return continuation(line, source);
    }
    if (!stamps.parse(line, 0)) {
      return LineResult.malformed(source, ProblemKind.BAD_TIMESTAMP, "date or time out of range", line);
    }
    ProcessRef process = stamps.pid() == EximTimestamp.NO_PID && host.isEmpty()
        ? NO_PID : processes.of(host, "", "exim", stamps.pid());
    int text = afterSyslogTag(line, stamps.end());
    if (text < 0) {
      text = stamps.end();
    } else {
      long pid = bracketedPid(line, text);
      if (pid >= 0) {
        text = line.indexOf(' ', text) + 1; // Exim's own "[pid] " after the tag
      } else {
        pid = tagPid(line, stamps.end(), text - 2); // "exim[29786]: "
      }
      if (pid >= 0) {
        process = processes.of(host, "", "exim", pid);
      }
    }
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

  /**
   * Some syslog daemons write Exim's lines with a numeric date and a host or priority before the
   * tag: "2019-10-22 03:39:17 mx1 exim[29786]: TEXT". Returns the index of TEXT, or -1 when the
   * entry has no such tag.
   */
  private static int afterSyslogTag(String line, int from) {
    int space = line.indexOf(' ', from);
    if (space < 0 || !line.startsWith("exim", space + 1)) {
      return -1;
    }
    int colon = line.indexOf(": ", space + 1);
    int nextSpace = line.indexOf(' ', space + 1);
    if (colon < 0 || colon + 1 != nextSpace) {
      return -1;
    }
    String tag = line.substring(space + 1, colon);
    int bracket = tag.indexOf('[');
    String program = bracket < 0 ? tag : tag.substring(0, bracket);
    boolean pidOk = bracket < 0 || tag.endsWith("]");
    return pidOk && (program.equals("exim") || program.equals("exim4")) ? colon + 2 : -1;
  }

  /** The pid in a tag "exim[1234]" that ends just before {@code colon}, or -1. */
  private static long tagPid(String line, int from, int colon) {
    int open = line.lastIndexOf('[', colon);
    if (open <= from || line.charAt(colon - 1) != ']' || colon - 1 - open < 2 || colon - open > 12) {
      return -1;
    }
    for (int i = open + 1; i < colon - 1; i++) {
      if (!Character.isDigit(line.charAt(i))) {
        return -1;
      }
    }
    return Long.parseLong(line, open + 1, colon - 1, 10);
  }

  /** The pid of a "[1234] " at {@code at}, or -1. */
  private static long bracketedPid(String line, int at) {
    if (at >= line.length() || line.charAt(at) != '[') {
      return -1;
    }
    int close = line.indexOf("] ", at);
    if (close < at + 2 || close - at > 12) {
      return -1;
    }
    for (int i = at + 1; i < close; i++) {
      if (!Character.isDigit(line.charAt(i))) {
        return -1;
      }
    }
    return Long.parseLong(line, at + 1, close, 10);
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
