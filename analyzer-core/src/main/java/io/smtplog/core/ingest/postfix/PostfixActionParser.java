package io.smtplog.core.ingest.postfix;

import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.ingest.ReplyTextParser;
import io.smtplog.core.model.Mta;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.ProcessRef;
import io.smtplog.core.model.QueueId;
import io.smtplog.core.model.Rejected;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.model.SourceRef;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Parses access-decision records. Two layouts exist:
 * <ul>
 *   <li>smtpd and postscreen (smtpd/smtpd_check.c log_whatsup(); smtpd.c check_milter_reply()):
 *       {@code ACTION: STAGE from H[A]: REPLY; from=<S> to=<R> proto=P helo=<H>}. postscreen separates
 *       the trailing fields with ", " instead of spaces. The reply ends at the last "; from=",
 *       "; to=", "; proto=" or "; helo=" because reply text may contain ";".
 *   <li>cleanup header and body checks (cleanup/cleanup_message.c cleanup_act_log()):
 *       {@code ACTION: header|body TEXT from ORIGIN; from=<S> to=<R> proto=P helo=<H>: OPTIONAL_TEXT}.
 * </ul>
 * Stateless.
 */
final class PostfixActionParser {
  /** Action words, each followed by ": " in the log. */
  static final Set<String> ACTIONS = Set.of("reject", "reject_warning", "milter-reject", "milter-hold",
      "milter-discard", "hold", "discard", "warn", "warning", "info", "filter", "redirect", "bcc", "delay",
      "hangup", "proxy-reject", "proxy-accept", "prepend", "replace", "strip", "milter-header-reject",
      "milter-header-hold", "milter-header-discard", "milter-header-warning", "milter-header-info");

  private static final Set<String> CHECK_CLASSES = Set.of("header", "body", "mime-header", "nested-header",
      "mime-error");
  private static final String[] FIELD_STARTS = {"; from=<", "; to=<", "; proto=", "; helo=<"};

  private PostfixActionParser() {}

  /** Returns the action word if {@code line} at {@code from} starts with one and ": ", else null. */
  static String actionAt(String line, int from) {
    int colon = colonSpace(line, from, from + 25);
    if (colon <= from) {
      return null;
    }
    String word = line.substring(from, colon);
    return ACTIONS.contains(word) || (word.startsWith("milter-") && word.indexOf(' ') < 0) ? word : null;
  }

  /**
   * The first ": " at or after {@code from} that starts before {@code to}, or -1: asked of nearly
   * every record, and the words it looks for are short, so the rest of the line is not searched.
   */
  private static int colonSpace(String line, int from, int to) {
    int end = Math.min(to, line.length() - 1);
    for (int i = from; i < end; i++) {
      if (line.charAt(i) == ':' && line.charAt(i + 1) == ' ') {
        return i;
      }
    }
    return -1;
  }

  static LineResult parse(String line, int from, String action, Instant at, SourceRef source,
      ProcessRef process, QueueId queueId) {
    int stageStart = from + action.length() + 2;
    int n = line.length();
    int stageEnd = line.indexOf(' ', stageStart);
    if (stageEnd < 0) {
      return LineResult.malformed(source, ProblemKind.TRUNCATED, "line ends after the action word", line);
    }
    String stage = line.substring(stageStart, stageEnd);
    if (CHECK_CLASSES.contains(stage)) {
      return parseCheck(line, stageEnd + 1, action, stage, at, source, process, queueId);
    }
    if (line.charAt(stageEnd - 1) == ':') {
      // smtpd_proxy.c: "proxy-reject: END-OF-MESSAGE: REPLY; from=<S> to=<R> proto=P helo=<H>"
      return parseProxy(line, stageEnd + 1, action, stage.substring(0, stage.length() - 1), at, source, process,
          queueId);
    }
    if (!line.startsWith("from ", stageEnd + 1)) {
      return LineResult.malformed(source, ProblemKind.UNKNOWN_LINE,
          "access record without \"STAGE from CLIENT\"", line);
    }
    int clientStart = stageEnd + 6;
    int clientEnd = line.indexOf(": ", clientStart);
    if (clientEnd < 0) {
      // postscreen "NOQUEUE: reject: CONNECT from [A]:P: too many connections" ends with a colon-less text
      return LineResult.malformed(source, ProblemKind.TRUNCATED, "line ends after the client", line);
    }
    Optional<Peer> client = peer(line.substring(clientStart, clientEnd));
    int replyStart = clientEnd + 2;
    int fields = lastFieldStart(line, replyStart);
    int replyEnd = fields < 0 ? n : fields;
    String detail = line.substring(replyStart, replyEnd);
    Optional<SmtpReply> reply = ReplyTextParser.parseReply(line, replyStart, replyEnd, commandOfStage(stage));
    Fields f = fields < 0 ? Fields.NONE : Fields.parse(line, fields + 2);
    return new LineResult.Parsed(new Rejected(at, source, Mta.POSTFIX, process, Optional.ofNullable(queueId),
        action, stage, client, reply, reply.map(SmtpReply::text).orElse(detail), f.sender, f.recipient,
        f.protocol, f.helo, false, appliesToMessage(action, stage)));
  }

  /**
   * An action of the data stage applies to the message; so does DISCARD at any stage (access(5):
   * "claim successful delivery and silently discard the message", all its recipients).
   */
  private static boolean appliesToMessage(String action, String stage) {
    return action.equals("discard") || action.equals("milter-discard") || stage.equals("END-OF-MESSAGE")
        || stage.equals("DATA") || stage.equals("BDAT");
  }

  private static LineResult parseProxy(String line, int replyStart, String action, String stage, Instant at,
      SourceRef source, ProcessRef process, QueueId queueId) {
    int fields = lastFieldStart(line, replyStart);
    int replyEnd = fields < 0 ? line.length() : fields;
    String detail = line.substring(replyStart, replyEnd);
    Optional<SmtpReply> reply = ReplyTextParser.parseReply(line, replyStart, replyEnd, commandOfStage(stage));
    Fields f = fields < 0 ? Fields.NONE : Fields.parse(line, fields + 2);
    return new LineResult.Parsed(new Rejected(at, source, Mta.POSTFIX, process, Optional.ofNullable(queueId),
        action, stage, Optional.empty(), reply, reply.map(SmtpReply::text).orElse(detail), f.sender, f.recipient,
        f.protocol, f.helo, false, appliesToMessage(action, stage)));
  }

  /** The reply code smtpd gives a message that a header or body check rejected (see checkReply). */
  private static final String CHECK_REJECT_CODE = "550";

  /** cleanup: "header Subject: x from host[ip]; from=<S> to=<R> proto=P helo=<H>: 5.7.1 text". */
  private static LineResult parseCheck(String line, int textStart, String action, String stage, Instant at,
      SourceRef source, ProcessRef process, QueueId queueId) {
    int fields = line.indexOf("; from=<", textStart);
    if (fields < 0) {
      return LineResult.malformed(source, ProblemKind.UNKNOWN_LINE,
          "header/body check record without \"; from=<\"", line);
    }
    int origin = line.lastIndexOf(" from ", fields);
    Optional<Peer> client = origin > textStart ? peer(line.substring(origin + 6, fields)) : Optional.empty();
    Fields f = Fields.parse(line, fields + 2);
    String detail = f.end < line.length() && line.startsWith(": ", f.end) ? line.substring(f.end + 2) : "";
    Optional<SmtpReply> reply = ReplyTextParser.parseReply(line, f.end + 2 <= line.length() ? f.end + 2 : line.length(),
        line.length(), SmtpCommand.DATA_END);
    if (reply.isEmpty() && action.equals("reject")) {
      reply = checkReply(detail);
    }
    return new LineResult.Parsed(new Rejected(at, source, Mta.POSTFIX, process, Optional.ofNullable(queueId),
        action, stage, client, reply, detail, f.sender, f.recipient, f.protocol, f.helo, false, true));
  }

  /**
   * The reply the client got for a header or body check's REJECT: cleanup logs only the reason
   * ("5.7.1 Message content rejected"), and smtpd answers the end of DATA with 550 and that reason
   * (smtpd.c, CLEANUP_STAT_CONT: cleanup_stat_detail()'s 550 with the check's own enhanced code,
   * header_checks(5) "REJECT optional text"). Only a permanent (5.x.x) reason is read so: the check
   * cannot make a 4xx reply of REJECT.
   */
  private static Optional<SmtpReply> checkReply(String detail) {
    Optional<SmtpReply> reply = ReplyTextParser.parseReply(CHECK_REJECT_CODE + " " + detail);
    return reply.filter(r -> r.enhanced().map(e -> e.statusClass().digit() == 5).orElse(false))
        .map(r -> r.answering(SmtpCommand.DATA_END));
  }

  private static int lastFieldStart(String line, int from) {
    int best = -1;
    for (String marker : FIELD_STARTS) {
      int at = line.lastIndexOf(marker);
      if (at >= from && (best < 0 || at < best)) {
        // the earliest of the trailing fields, searched from the end so reply text may hold "; "
        best = at;
      }
    }
    return best;
  }

  static Optional<Peer> peer(String text) {
    Optional<Peer> parsed = Peer.parse(text);
    if (parsed.isPresent()) {
      return parsed;
    }
    return text.isEmpty() ? Optional.empty() : Optional.of(new Peer(text, "", Peer.NO_PORT));
  }

  static SmtpCommand commandOfStage(String stage) {
    return switch (stage) {
      case "CONNECT" -> SmtpCommand.CONNECT;
      case "END-OF-MESSAGE" -> SmtpCommand.DATA_END;
      default -> SmtpCommand.ofName(stage).orElse(null);
    };
  }

  /** The trailing "from=<S> to=<R> proto=P helo=<H>" fields, separated by " " or ", ". */
  private record Fields(String sender, String recipient, String protocol, String helo, int end) {
    static final Fields NONE = new Fields("", "", "", "", -1);

    static Fields parse(String line, int from) {
      String sender = "";
      String recipient = "";
      String protocol = "";
      String helo = "";
      int n = line.length();
      int i = from;
      while (i < n) {
        int eq = line.indexOf('=', i);
        if (eq < 0 || eq - i > 12) {
          break;
        }
        String key = line.substring(i, eq);
        int valueEnd;
        String value;
        if (eq + 1 < n && line.charAt(eq + 1) == '<') {
          int close = closingBracket(line, eq + 2);
          if (close < 0) {
            break;
          }
          value = line.substring(eq + 2, close);
          valueEnd = close + 1;
        } else {
          valueEnd = eq + 1;
          while (valueEnd < n && line.charAt(valueEnd) != ' ' && line.charAt(valueEnd) != ','
              && line.charAt(valueEnd) != ':') {
            valueEnd++;
          }
          value = line.substring(eq + 1, valueEnd);
        }
        switch (key) {
          case "from" -> sender = value;
          case "to" -> recipient = value;
          case "proto" -> protocol = value;
          case "helo" -> helo = value;
          default -> { }
        }
        i = valueEnd;
        if (line.startsWith(", ", i)) {
          i += 2;
        } else if (i < n && line.charAt(i) == ' ') {
          i++;
        } else {
          break;
        }
      }
      return new Fields(sender, recipient, protocol, helo, i);
    }

    /** The '>' that closes a field value: followed by a separator, ':' or the end of the line. */
    private static int closingBracket(String line, int from) {
      int close = line.indexOf('>', from);
      while (close >= 0 && close + 1 < line.length()) {
        char next = line.charAt(close + 1);
        if (next == ' ' || next == ',' || next == ':' || next == ';') {
          return close;
        }
        close = line.indexOf('>', close + 1);
      }
      return close;
    }
  }
}
