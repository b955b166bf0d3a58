package io.smtplog.core.ingest.syslog;

import io.smtplog.core.ingest.LineParser;
import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.ingest.SkipReason;
import io.smtplog.core.model.SourceRef;
import java.util.List;

/**
 * Reads a syslog stream: parses the envelope once, then hands the message to the first adapter
 * that claims the tag. Lines of other programs are skipped and counted as "other"; lines with no
 * syslog envelope are problems. Not thread-safe (the header parser caches); one per worker.
 */
public final class SyslogLineParser implements LineParser {
  private final SyslogHeaderParser headers;
  private final List<SyslogMessageParser> adapters;

  public SyslogLineParser(SyslogHeaderParser headers, List<SyslogMessageParser> adapters) {
    this.headers = headers;
    this.adapters = List.copyOf(adapters);
  }

  @Override
  public LineResult parse(String line, SourceRef source) {
    if (line.isBlank()) {
      return LineResult.BLANK;
    }
    char first = line.charAt(0);
    if (first == '#') {
      return LineResult.COMMENT;
    }
    SyslogHeader header = headers.parse(line);
    if (header == null) {
      return switch (headers.failure()) {
        case BAD_TIMESTAMP -> LineResult.malformed(source, ProblemKind.BAD_TIMESTAMP, "date or time out of range", line);
        case NO_TAG -> LineResult.malformed(source, ProblemKind.UNKNOWN_FORMAT, "syslog line without a program tag", line);
        case NOT_SYSLOG -> LineResult.malformed(source, ProblemKind.UNKNOWN_FORMAT, "not a syslog line", line);
        case PARTIAL_LINE -> LineResult.malformed(source, ProblemKind.TRUNCATED,
            "a container runtime cut this line (CRI partial record \"P\"); its rest follows", line);
      };
    }
    String tag = header.tag();
    for (SyslogMessageParser adapter : adapters) {
      if (adapter.accepts(tag)) {
        return adapter.parse(line, header, source);
      }
    }
    return new LineResult.Skipped(SkipReason.OTHER_PROGRAM, header.program());
  }
}
