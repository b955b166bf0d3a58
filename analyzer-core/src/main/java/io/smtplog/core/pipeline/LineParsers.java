package io.smtplog.core.pipeline;

import io.smtplog.core.ingest.LineParser;
import io.smtplog.core.ingest.exim.EximLineParser;
import io.smtplog.core.ingest.journal.JournalLineParser;
import io.smtplog.core.ingest.exim.EximSyslogParser;
import io.smtplog.core.ingest.postfix.PostfixMessageParser;
import io.smtplog.core.ingest.syslog.SyslogHeaderParser;
import io.smtplog.core.ingest.syslog.SyslogLineParser;
import io.smtplog.core.ingest.transcript.TranscriptLineParser;
import io.smtplog.core.ingest.transcript.TranscriptNotation;
import java.util.List;

/**
 * Builds the line parser for one chunk, by its input's format: the syslog reader with one adapter
 * per mail program (Postfix, Exim through syslog), Exim's own log files, the journal's JSON export (the same adapters), or transcripts. Parsers
 * are cheap; one is made per chunk and thread.
 */
final class LineParsers {
  private LineParsers() {}

  static LineParser forChunk(Chunk chunk) {
    return switch (chunk.format()) {
      case SYSLOG -> new SyslogLineParser(new SyslogHeaderParser(chunk.zone(), chunk.years()),
          List.of(new PostfixMessageParser(), new EximSyslogParser(chunk.zone())));
      case EXIM -> new EximLineParser(chunk.zone(), EximLineParser.LogKind.ofFileName(chunk.file()), "");
      case JOURNAL -> new JournalLineParser(
          List.of(new PostfixMessageParser(), new EximSyslogParser(chunk.zone())));
      case TRANSCRIPT -> new TranscriptLineParser(
          chunk.notation() == null ? TranscriptNotation.BARE : chunk.notation(), chunk.capturedAt());
    };
  }
}
