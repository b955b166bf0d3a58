package io.smtplog.core.pipeline;

import io.smtplog.core.ingest.LineParser;
import io.smtplog.core.ingest.postfix.PostfixMessageParser;
import io.smtplog.core.ingest.syslog.SyslogHeaderParser;
import io.smtplog.core.ingest.syslog.SyslogLineParser;
import io.smtplog.core.ingest.syslog.SyslogMessageParser;
import io.smtplog.core.ingest.syslog.YearResolver;
import java.time.ZoneId;
import java.util.List;

/** Builds the line parser for one input. Parsers are cheap; one is made per chunk and thread. */
final class LineParsers {
  private static final List<SyslogMessageParser> SYSLOG_ADAPTERS = List.of(new PostfixMessageParser());

  private LineParsers() {}

  static LineParser syslog(ZoneId zone, YearResolver years) {
    return new SyslogLineParser(new SyslogHeaderParser(zone, years), SYSLOG_ADAPTERS);
  }
}
