package io.smtplog.core.ingest.postfix;

import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.ingest.RecentValues;
import io.smtplog.core.ingest.ReplyTextParser;
import io.smtplog.core.model.DelaySplit;
import io.smtplog.core.model.DeliveryAttempt;
import io.smtplog.core.model.DeliveryStatus;
import io.smtplog.core.model.EnhancedStatus;
import io.smtplog.core.model.Mta;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.ProcessRef;
import io.smtplog.core.model.QueueId;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.model.SourceRef;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Parses delivery status records (global/log_adhoc.c):
 * {@code to=<R>[, orig_to=<O>], relay=X[, conn_use=N], delay=D, delays=a/b/c/d[, tls=F], dsn=X.Y.Z,
 * status=S (TEXT)}. Fields are separated by ", " outside angle brackets; addresses may hold ", "
 * inside quotes (info_log_address_format = external). Stateless.
 */
final class PostfixDeliveryParser {
  private PostfixDeliveryParser() {}

  /** A {@code relay=} value as logged, and the peer it names when it is one. */
  record Relay(String text, Optional<Peer> peer) {
    static Relay of(String text) {
      return new Relay(text, Peer.parse(text));
    }
  }

  /**
   * {@code body} is the index of "to=" in {@code line}; {@code relays} are the next hops of recent
   * records (most records name one of a few).
   */
  static LineResult parse(String line, int body, Instant at, SourceRef source, ProcessRef process, QueueId queueId,
      RecentValues<Relay> relays) {
    int n = line.length();
    int[] cursor = {body + 3};
    String recipient = address(line, cursor);
    if (recipient == null) {
      return truncated(source, "line ends inside to=<...>", line);
    }
    String origRecipient = null;
    Relay relay = null;
    Duration delay = null;
    DelaySplit delays = DelaySplit.NONE;
    Optional<EnhancedStatus> dsn = Optional.empty();
    int i = cursor[0];
    while (i < n) {
      if (!line.startsWith(", ", i)) {
        return LineResult.malformed(source, ProblemKind.UNKNOWN_LINE, "expected \", \" between delivery fields", line);
      }
      i += 2;
      int eq = line.indexOf('=', i);
      if (eq < 0) {
        return truncated(source, "line ends inside a delivery field", line);
      }
      // Keys are compared in place: no substring per field on the hot path.
      if (line.startsWith("status=", i)) {
        return status(line, eq + 1, at, source, process, queueId, recipient, origRecipient, relay, delay, delays, dsn);
      }
      if (line.startsWith("orig_to=", i)) {
        cursor[0] = eq + 1;
        origRecipient = address(line, cursor);
        if (origRecipient == null) {
          return truncated(source, "line ends inside orig_to=<...>", line);
        }
        i = cursor[0];
        continue;
      }
      int end = line.indexOf(", ", eq + 1);
      if (end < 0) {
        return truncated(source, "line ends before status=", line);
      }
      if (line.startsWith("relay=", i)) {
        relay = relays.get(line, eq + 1, end, Relay::of);
      } else if (line.startsWith("delay=", i)) {
        delay = seconds(line, eq + 1, end);
        if (delay == null) {
          return LineResult.malformed(source, ProblemKind.BAD_FIELD, "delay= is not a number of seconds", line);
        }
      } else if (line.startsWith("delays=", i)) {
        // a damaged value leaves its parts empty; the record and its total delay= still count
        delays = DelaySplit.parse(line, eq + 1, end);
      } else if (line.startsWith("dsn=", i)) {
        dsn = EnhancedStatus.parse(line, eq + 1, end);
        if (dsn.isEmpty()) {
          return LineResult.malformed(source, ProblemKind.BAD_FIELD, "dsn= is not an enhanced status code", line);
        }
      }
      // conn_use=, tls= and fields of future versions carry nothing we keep
      i = end;
    }
    return truncated(source, "line ends before status=", line);
  }

  private static LineResult status(String line, int from, Instant at, SourceRef source, ProcessRef process,
      QueueId queueId, String recipient, String origRecipient, Relay relay, Duration delay, DelaySplit delays,
      Optional<EnhancedStatus> dsn) {
    int n = line.length();
    int wordEnd = line.indexOf(' ', from);
    int wordStop = wordEnd < 0 ? n : wordEnd;
    String detail = "";
    if (wordEnd > 0) {
      if (line.charAt(wordEnd + 1 < n ? wordEnd + 1 : wordEnd) != '(') {
        return LineResult.malformed(source, ProblemKind.UNKNOWN_LINE, "status text is not in parentheses", line);
      }
      if (line.charAt(n - 1) != ')') {
        return truncated(source, "line ends inside the status text", line);
      }
      detail = line.substring(wordEnd + 2, n - 1);
    }
    if (relay == null) {
      return LineResult.malformed(source, ProblemKind.UNKNOWN_LINE, "delivery record without relay=", line);
    }
    DeliveryStatus status = DeliveryStatus.ofPostfix(line, from, wordStop);
    if (status == DeliveryStatus.SENT && process.program().equals(DISCARD)) {
      status = DeliveryStatus.DISCARDED; // discard(8): "status=sent (REASON)", and nothing was delivered
    }
    Optional<SmtpReply> reply = ReplyTextParser.parseStatusText(detail);
    return new LineResult.Parsed(new DeliveryAttempt(at, source, Mta.POSTFIX, process, queueId, recipient,
        Optional.ofNullable(origRecipient), relay.text(), relay.peer(), Optional.ofNullable(delay), delays,
        dsn, status, reply, detail, reply.flatMap(ReplyTextParser::queuedAs), forwardedAs(detail)));
  }

  private static final String DISCARD = "discard";
  private static final String FORWARDED_AS = "forwarded as ";

  /** local(8) local/forward.c: "forwarded as NEWID": the alias or .forward made a new message. */
  private static Optional<QueueId> forwardedAs(String detail) {
    if (!detail.startsWith(FORWARDED_AS)) {
      return Optional.empty();
    }
    int start = FORWARDED_AS.length();
    int end = start;
    while (end < detail.length() && Character.isLetterOrDigit(detail.charAt(end))) {
      end++;
    }
    return end == start ? Optional.empty() : Optional.of(new QueueId(detail.substring(start, end)));
  }

  /**
   * Reads "&lt;addr&gt;" at cursor[0]; leaves cursor[0] after the closing bracket. The address ends at
   * the first "&gt;" followed by ", " or the end of the line, so quoted local parts may hold "&gt;".
   */
  static String address(String line, int[] cursor) {
    int start = cursor[0];
    if (start < line.length() && line.charAt(start) != '<') {
      // Some builds and hand-made logs write "to=user@example.com," without brackets.
      int end = line.indexOf(", ", start);
      if (end <= start || line.indexOf(' ', start) < end) {
        return null;
      }
      cursor[0] = end;
      return line.substring(start, end);
    }
    if (start >= line.length()) {
      return null;
    }
    int close = line.indexOf('>', start + 1);
    while (close >= 0 && close + 1 < line.length() && line.charAt(close + 1) != ',' && line.charAt(close + 1) != ' ') {
      close = line.indexOf('>', close + 1);
    }
    if (close < 0) {
      return null;
    }
    cursor[0] = close + 1;
    return line.substring(start + 1, close);
  }

  /** Postfix writes delays as "0.22", "17", "1.3e-05" never; whole and decimal seconds only. */
  static Duration seconds(String s, int from, int to) {
    long whole = 0;
    long nanos = 0;
    int i = from;
    if (i >= to) {
      return null;
    }
    while (i < to && s.charAt(i) != '.') {
      char c = s.charAt(i++);
      if (c < '0' || c > '9') {
        return null;
      }
      whole = whole * 10 + (c - '0');
    }
    if (i < to) {
      i++;
      long scale = 100_000_000L;
      while (i < to) {
        char c = s.charAt(i++);
        if (c < '0' || c > '9') {
          return null;
        }
        nanos += (c - '0') * scale;
        scale /= 10;
      }
    }
    return Duration.ofSeconds(whole, nanos);
  }

  private static LineResult truncated(SourceRef source, String detail, String line) {
    return LineResult.malformed(source, ProblemKind.TRUNCATED, detail, line);
  }
}
