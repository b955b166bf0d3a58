package io.smtplog.core.ingest.postfix;

import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.NoteKind;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.ingest.RecentProcesses;
import io.smtplog.core.ingest.RecentValues;
import io.smtplog.core.ingest.syslog.SyslogHeader;
import io.smtplog.core.ingest.syslog.SyslogMessageParser;
import io.smtplog.core.model.DaemonMessage;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.MessageExpired;
import io.smtplog.core.model.MessageIdentified;
import io.smtplog.core.model.MessageQueued;
import io.smtplog.core.model.MessageReceived;
import io.smtplog.core.model.MessageRemoved;
import io.smtplog.core.model.Mta;
import io.smtplog.core.model.NotificationQueued;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.ProcessRef;
import io.smtplog.core.model.QueueId;
import io.smtplog.core.model.SessionEnded;
import io.smtplog.core.model.SessionScope;
import io.smtplog.core.model.SessionStarted;
import io.smtplog.core.model.Severity;
import io.smtplog.core.model.SourceRef;
import java.time.Instant;
import java.util.Optional;

/**
 * The Postfix adapter: turns the message part of a Postfix syslog record into an event, a known
 * skip, or a problem (postfix-log-format reference, section 11: strip the severity, detect the
 * queue id, then dispatch on the record's own shape). Not thread-safe: it keeps the processes,
 * queue ids and peers of recent lines, which the lines of one message or session share; one per
 * worker.
 */
public final class PostfixMessageParser implements SyslogMessageParser {
  private static final String[] NOTIFICATIONS = {
    "sender non-delivery notification: ", "postmaster non-delivery notification: ",
    "sender delay notification: ", "postmaster delay notification: ",
    "sender delivery status notification: ", "postmaster delivery status notification: "};

  @Override
  public boolean accepts(String tag) {
    if (tag.startsWith("postfix")) {
      return true;
    }
    int slash = tag.lastIndexOf('/');
    return slash > 0 && PostfixKnownLines.PROGRAMS.contains(tag.substring(slash + 1));
  }

  private final RecentProcesses processes = new RecentProcesses();
  private final RecentValues<QueueId> queueIds = new RecentValues<>(1024);
  /** Clients of sessions (connect, client=, disconnect) and next hops (relay=). */
  private final RecentValues<Optional<Peer>> peers = new RecentValues<>(1024);
  private final RecentValues<PostfixDeliveryParser.Relay> relays = new RecentValues<>(256);

  private ProcessRef process(SyslogHeader header) {
    return processes.of(header.host(), header.instance(), header.program(), header.pid());
  }

  @Override
  public LineResult parse(String line, SyslogHeader header, SourceRef source) {
    int from = header.messageStart();
    String tag = header.tag();
    if (header.instance().isEmpty() && !tag.equals("postfix")) {
      return LineResult.malformed(source, ProblemKind.UNKNOWN_LINE,
          "Postfix-like tag without \"/program\": " + tag, line);
    }
    ProcessRef process = process(header);
    Instant at = header.at();
    Severity severity = severityAt(line, from);
    if (severity != null) {
      int text = line.indexOf(' ', from) + 1;
      return parsed(new DaemonMessage(at, source, Mta.POSTFIX, process, severity, line.substring(text)));
    }
    int qidEnd = PostfixQueueIds.endOfQueueId(line, from);
    if (qidEnd > 0) {
      QueueId queueId = qidEnd - from == 7 && line.startsWith(PostfixQueueIds.NOQUEUE, from)
          ? null : queueIds.get(line, from, qidEnd, QueueId::new);
      return parseQueued(line, qidEnd + 2, at, source, process, queueId);
    }
    // An anonymised log ("7E1AEC2C388XXXX: to=<...>", "notificationXXXX: removed"): any token of
    // letters and digits is a queue id, as for pflogsumm, when the record after it is one of a
    // queue file's. The rule keeps "warning: ...", "statistics: ...", "fsspace: .: block size ..."
    // and "connect from ..." what they are: their text after "WORD: " is no such record.
    int tokenEnd = PostfixQueueIds.endOfToken(line, from);
    if (tokenEnd > 0 && isQueueFileRecord(line, tokenEnd + 2, process)) {
      QueueId queueId = new QueueId(line.substring(from, tokenEnd));
      LineResult result = parseQueued(line, tokenEnd + 2, at, source, process, queueId);
      return result instanceof LineResult.Parsed parsed
          ? new LineResult.Parsed(parsed.event(), Optional.of(NoteKind.UNUSUAL_QUEUE_ID)) : result;
    }
    return parseUnqueued(line, from, at, source, process);
  }

  /**
   * True when the text at {@code body} starts one of the records Postfix writes after a queue id
   * (sections 3 to 8 of the reference): a delivery ("to="), an arrival ("client=", "uid=",
   * "message-id=", "from=&lt;"), "removed", a notification, an access or check action
   * ("reject: ", "hold: ", "warning: header ..." of cleanup), or a known record without an event.
   */
  private static boolean isQueueFileRecord(String line, int body, ProcessRef process) {
    if (line.startsWith("to=", body) || line.startsWith("client=", body) || line.startsWith("message-id=", body)
        || line.startsWith("from=<", body) || line.startsWith("uid=", body)
        || line.startsWith("removed", body) && (body + 7 == line.length() || line.charAt(body + 7) == ' ')) {
      return true;
    }
    for (String phrase : NOTIFICATIONS) {
      if (line.startsWith(phrase, body)) {
        return true;
      }
    }
    String action = PostfixActionParser.actionAt(line, body);
    if (action != null) {
      // "warning: " and "info: " after a word are also a daemon's own diagnostics; as actions they
      // are cleanup's header and body checks only
      return !(action.equals("warning") || action.equals("info")) || process.program().equals("cleanup");
    }
    return PostfixKnownLines.knownQueued(line, body) != null;
  }

  private LineResult parseQueued(String line, int body, Instant at, SourceRef source, ProcessRef process,
      QueueId queueId) {
    if (body >= line.length() || line.endsWith(":") && line.indexOf(' ', body) < 0) {
      // "QID:" or "NOQUEUE: reject:" and nothing more: the record was cut (syslog limits, copies)
      return LineResult.malformed(source, ProblemKind.TRUNCATED, "record ends after its queue id", line);
    }
    String action = PostfixActionParser.actionAt(line, body);
    Severity severity = severityAt(line, body);
    // cleanup's WARN action is logged as "QID: warning: header ..." (cleanup_act_log()): an action,
    // not a daemon diagnostic.
    if (severity != null && !(action != null && process.program().equals("cleanup"))) {
      return parsed(new DaemonMessage(at, source, Mta.POSTFIX, process, severity, line.substring(body)));
    }
    if (action != null) {
      return PostfixActionParser.parse(line, body, action, at, source, process, queueId);
    }
    if (queueId == null) {
      // NOQUEUE: lost connection/timeout (Postfix 3.10+), "abort: TLS from ..."
      LineResult known = PostfixKnownLines.knownQueued(line, body);
      return known != null ? known
          : LineResult.malformed(source, ProblemKind.UNKNOWN_LINE, "unknown NOQUEUE record", line);
    }
    if (line.startsWith("to=", body)) {
      return PostfixDeliveryParser.parse(line, body, at, source, process, queueId, relays);
    }
    if (line.startsWith("client=", body)) {
      return received(line, body, at, source, process, queueId);
    }
    if (line.startsWith("message-id=", body)) {
      return parsed(new MessageIdentified(at, source, Mta.POSTFIX, process, queueId, line.substring(body + 11)));
    }
    if (line.startsWith("from=<", body)) {
      return qmgrFrom(line, body, at, source, process, queueId);
    }
    if (line.startsWith("removed", body)) {
      return parsed(new MessageRemoved(at, source, Mta.POSTFIX, process, queueId));
    }
    if (line.startsWith("uid=", body) && process.program().equals("pickup")) {
      return parsed(new MessageReceived(at, source, Mta.POSTFIX, process, queueId, Optional.empty(),
          Optional.empty(), Optional.empty()));
    }
    for (String phrase : NOTIFICATIONS) {
      if (line.startsWith(phrase, body)) {
        String child = line.substring(body + phrase.length()).strip();
        if (child.isEmpty()) {
          return LineResult.malformed(source, ProblemKind.TRUNCATED, "notification without a queue id", line);
        }
        return parsed(new NotificationQueued(at, source, Mta.POSTFIX, process, queueId, new QueueId(child),
            phrase.substring(0, phrase.length() - 2)));
      }
    }
    LineResult known = PostfixKnownLines.knownQueued(line, body);
    if (known != null) {
      return known;
    }
    return LineResult.malformed(source, ProblemKind.UNKNOWN_LINE,
        "unknown " + process.program() + " record after queue id", line);
  }

  private LineResult parseUnqueued(String line, int from, Instant at, SourceRef source, ProcessRef process) {
    if (line.startsWith("connect from ", from)) {
      int start = from + 13;
      int end = line.length();
      while (start < end && Character.isWhitespace(line.charAt(start))) {
        start++;
      }
      while (end > start && Character.isWhitespace(line.charAt(end - 1))) {
        end--;
      }
      Optional<Peer> client = peers.get(line, start, end, Peer::parse);
      if (client.isPresent()) {
        return parsed(new SessionStarted(at, source, Mta.POSTFIX, process, client.get(), SessionScope.PROCESS));
      }
    } else if (line.startsWith("disconnect from ", from)) {
      int peerStart = from + 16;
      int space = line.indexOf(' ', peerStart);
      Optional<Peer> client = peers.get(line, peerStart, space < 0 ? line.length() : space, Peer::parse);
      if (client.isPresent()) {
        return parsed(new SessionEnded(at, source, Mta.POSTFIX, process, client.get(),
            space < 0 ? "" : line.substring(space + 1)));
      }
    } else if (PostfixChatParser.isChat(line, from)) {
      return PostfixChatParser.parse(line, from, at, source, process);
    }
    String action = PostfixActionParser.actionAt(line, from);
    if (action != null) {
      return PostfixActionParser.parse(line, from, action, at, source, process, null);
    }
    String trust = PostfixTlsParser.trustAt(line, from);
    if (trust != null) {
      return PostfixTlsParser.parse(line, from, trust, at, source, process);
    }
    LineResult known = PostfixKnownLines.knownUnqueued(line, from);
    if (known != null) {
      return known;
    }
    if (PostfixKnownLines.ADMIN_PROGRAMS.contains(process.program())) {
      return LineResult.known(process.program());
    }
    String verbose = PostfixVerboseLines.shape(line, from);
    if (verbose != null) {
      return LineResult.verbose(verbose);
    }
    String note = PostfixVerboseLines.note(line, from);
    if (note != null) {
      return LineResult.freeText(note);
    }
    if (from >= line.length()) {
      return LineResult.malformed(source, ProblemKind.TRUNCATED, "Postfix record without text", line);
    }
    return LineResult.malformed(source, ProblemKind.UNKNOWN_LINE,
        "unknown " + process.program() + " record", line);
  }

  /** smtpd (smtpd.c): "client=H[A][, sasl_method=M, sasl_username=U][, orig_queue_id=ID, orig_client=..]". */
  private LineResult received(String line, int body, Instant at, SourceRef source, ProcessRef process,
      QueueId queueId) {
    int start = body + 7;
    int end = line.indexOf(", ", start);
    Optional<Peer> client = peers.get(line, start, end < 0 ? line.length() : end, Peer::parse);
    if (client.isEmpty()) {
      return LineResult.malformed(source, ProblemKind.BAD_FIELD, "client= is not host[address]", line);
    }
    Optional<String> sasl = Optional.ofNullable(field(line, "sasl_username=", start));
    Optional<QueueId> orig = Optional.ofNullable(field(line, "orig_queue_id=", start)).filter(id -> !id.isEmpty())
        .map(QueueId::new);
    return parsed(new MessageReceived(at, source, Mta.POSTFIX, process, queueId, client, sasl, orig));
  }

  /**
   * qmgr (qmgr_message.c, qmgr_active.c): "from=&lt;S&gt;, size=N, nrcpt=N (queue active)" or
   * "from=&lt;S&gt;, status=expired, returned to sender" (also force-expired after postsuper -e).
   */
  private static LineResult qmgrFrom(String line, int body, Instant at, SourceRef source, ProcessRef process,
      QueueId queueId) {
    int[] cursor = {body + 5};
    String sender = PostfixDeliveryParser.address(line, cursor);
    if (sender == null) {
      return LineResult.malformed(source, ProblemKind.TRUNCATED, "line ends inside from=<...>", line);
    }
    int rest = cursor[0];
    if (line.startsWith(", status=expired", rest) || line.startsWith(", status=force-expired", rest)) {
      return parsed(new MessageExpired(at, source, Mta.POSTFIX, process, queueId, sender));
    }
    if (line.startsWith(", size=", rest)) {
      int sizeStart = rest + 7;
      int sizeEnd = line.indexOf(',', sizeStart);
      String nrcpt = field(line, "nrcpt=", rest);
      if (sizeEnd < 0 || nrcpt == null) {
        return LineResult.malformed(source, ProblemKind.TRUNCATED, "line ends before nrcpt=", line);
      }
      int space = nrcpt.indexOf(' ');
      long size = number(line, sizeStart, sizeEnd);
      long count = number(nrcpt, 0, space < 0 ? nrcpt.length() : space);
      if (size < 0 || count < 0 || count > Integer.MAX_VALUE) {
        return LineResult.malformed(source, ProblemKind.BAD_FIELD, "size= or nrcpt= is not a number", line);
      }
      return parsed(new MessageQueued(at, source, Mta.POSTFIX, process, queueId, sender, size, (int) count));
    }
    return LineResult.malformed(source, ProblemKind.UNKNOWN_LINE, "unknown from=<...> record", line);
  }

  /** The value after {@code key} up to ", " or the end of the line; null when the key is absent. */
  private static String field(String line, String key, int from) {
    int at = line.indexOf(key, from);
    if (at < 0) {
      return null;
    }
    int start = at + key.length();
    int end = line.indexOf(", ", start);
    return end < 0 ? line.substring(start) : line.substring(start, end);
  }

  private static long number(String s, int from, int to) {
    if (from >= to || to - from > 18) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static Severity severityAt(String line, int from) {
    if (line.startsWith("warning: ", from)) {
      return Severity.WARNING;
    }
    if (line.startsWith("error: ", from)) {
      return Severity.ERROR;
    }
    if (line.startsWith("fatal: ", from)) {
      return Severity.FATAL;
    }
    if (line.startsWith("panic: ", from)) {
      return Severity.PANIC;
    }
    return null;
  }

  private static LineResult parsed(MailEvent event) {
    return new LineResult.Parsed(event);
  }
}
