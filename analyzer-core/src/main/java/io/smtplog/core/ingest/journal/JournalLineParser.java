package io.smtplog.core.ingest.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.smtplog.core.ingest.LineParser;
import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.ingest.SkipReason;
import io.smtplog.core.ingest.syslog.SyslogHeader;
import io.smtplog.core.ingest.syslog.SyslogMessageParser;
import io.smtplog.core.ingest.syslog.SyslogTag;
import io.smtplog.core.model.SourceRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Reads {@code journalctl -o json} output: each line one journal entry, turned into the envelope a
 * syslog line gives (time from {@code __REALTIME_TIMESTAMP}, host, tag, pid) and handed with its
 * MESSAGE to the first syslog adapter that claims the tag; entries of other programs are counted
 * as other programs, as in a syslog file. A line that is not a JSON object, or an entry without
 * MESSAGE or time, is a problem. Not thread-safe (the adapters cache); one per worker.
 */
public final class JournalLineParser implements LineParser {
  /** Shared: Jackson's readers are immutable and thread-safe. */
  private static final ObjectReader JSON = JsonMapper.builder().build().reader();
  private static final long MICROS_PER_SECOND = 1_000_000L;

  private final List<SyslogMessageParser> adapters;

  public JournalLineParser(List<SyslogMessageParser> adapters) {
    this.adapters = List.copyOf(adapters);
  }

  /**
   * True when {@code line} looks like a journal entry in JSON: an object with the entry's time or
   * message. The format detector asks this of a file's first lines.
   */
  public static boolean looksLikeEntry(String line) {
    if (!line.startsWith("{")) {
      return false;
    }
    JsonNode entry = read(line);
    return entry != null && (entry.has(JournalFields.REALTIME_TIMESTAMP) || entry.has(JournalFields.MESSAGE));
  }

  @Override
  public LineResult parse(String line, SourceRef source) {
    if (line.isBlank()) {
      return LineResult.BLANK;
    }
    JsonNode entry = read(line);
    if (entry == null) {
      return LineResult.malformed(source, ProblemKind.UNKNOWN_FORMAT, "not a journal entry (a JSON object per line)", line);
    }
    String message = text(entry.get(JournalFields.MESSAGE));
    if (message == null) {
      return LineResult.malformed(source, ProblemKind.UNKNOWN_LINE, "journal entry without MESSAGE", line);
    }
    Instant at = realtime(entry.get(JournalFields.REALTIME_TIMESTAMP));
    if (at == null) {
      return LineResult.malformed(source, ProblemKind.BAD_TIMESTAMP, "journal entry without a valid __REALTIME_TIMESTAMP", line);
    }
    String identifier = firstText(entry, JournalFields.SYSLOG_IDENTIFIER, JournalFields.COMM);
    if (identifier == null) {
      return new LineResult.Skipped(SkipReason.OTHER_PROGRAM, "");
    }
    SyslogTag tag = SyslogTag.of(identifier);
    String host = firstText(entry, JournalFields.HOSTNAME);
    SyslogHeader header = new SyslogHeader(at, host == null ? "" : host, tag, pid(entry), 0);
    for (SyslogMessageParser adapter : adapters) {
      if (adapter.accepts(identifier)) {
        return adapter.parse(message, header, source);
      }
    }
    return new LineResult.Skipped(SkipReason.OTHER_PROGRAM, tag.program());
  }

  /** The line as a JSON object, or null when it is not one. */
  private static JsonNode read(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /**
   * A field's text: a string, or an array of byte values (how journalctl writes a field that is
   * not valid UTF-8), decoded as UTF-8 with invalid bytes replaced; null when absent, null, or
   * neither.
   */
  private static String text(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isArray()) {
      byte[] bytes = new byte[value.size()];
      for (int i = 0; i < bytes.length; i++) {
        JsonNode b = value.get(i);
        if (!b.canConvertToInt() || b.intValue() < 0 || b.intValue() > 255) {
          return null;
        }
        bytes[i] = (byte) b.intValue();
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
    return null;
  }

  private static String firstText(JsonNode entry, String... fields) {
    for (String field : fields) {
      String value = text(entry.get(field));
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    return null;
  }

  private static long pid(JsonNode entry) {
    String pid = firstText(entry, JournalFields.SYSLOG_PID, JournalFields.PID);
    if (pid == null) {
      return -1;
    }
    try {
      return Long.parseLong(pid.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** __REALTIME_TIMESTAMP: microseconds since the epoch, as a decimal string (or a number). */
  private static Instant realtime(JsonNode value) {
    String text = value != null && value.isNumber() ? value.asText() : text(value);
    if (text == null) {
      return null;
    }
    try {
      long micros = Long.parseLong(text.trim());
      return micros < 0 ? null : Instant.ofEpochSecond(micros / MICROS_PER_SECOND, (micros % MICROS_PER_SECOND) * 1000);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
