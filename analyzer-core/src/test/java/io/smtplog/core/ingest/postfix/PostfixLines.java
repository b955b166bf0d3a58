package io.smtplog.core.ingest.postfix;

import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.syslog.SyslogHeaderParser;
import io.smtplog.core.ingest.syslog.SyslogLineParser;
import io.smtplog.core.ingest.syslog.YearResolver;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.SourceRef;
import java.time.ZoneOffset;
import java.util.List;

/** Test helper: parses single Postfix lines as the pipeline does. */
final class PostfixLines {
  private static final SyslogLineParser PARSER = new SyslogLineParser(
      new SyslogHeaderParser(ZoneOffset.UTC, YearResolver.startingIn(2026, 1)), List.of(new PostfixMessageParser()));

  private PostfixLines() {}

  static LineResult parse(String line) {
    return PARSER.parse(line, new SourceRef("test.log", 7));
  }

  @SuppressWarnings("unchecked")
  static <T extends MailEvent> T event(String line, Class<T> type) {
    LineResult result = parse(line);
    if (!(result instanceof LineResult.Parsed parsed)) {
      throw new AssertionError("expected an event for " + line + ", got " + result);
    }
    if (!type.isInstance(parsed.event())) {
      throw new AssertionError("expected " + type.getSimpleName() + ", got " + parsed.event());
    }
    return (T) parsed.event();
  }
}
