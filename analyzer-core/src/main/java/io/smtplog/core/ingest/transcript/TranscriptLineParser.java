package io.smtplog.core.ingest.transcript;

import io.smtplog.core.ingest.CredentialRedactor;
import io.smtplog.core.ingest.LineParser;
import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.SkipReason;
import io.smtplog.core.model.CommandLine;
import io.smtplog.core.model.Mta;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.ProcessRef;
import io.smtplog.core.model.ReplyCode;
import io.smtplog.core.model.ReplyLine;
import io.smtplog.core.model.Role;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SourceRef;
import io.smtplog.core.model.TranscriptNote.Kind;
import io.smtplog.core.model.TranscriptNote;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads SMTP transcripts in one {@link TranscriptNotation} (transcript-formats reference): each
 * line becomes a {@link CommandLine} (a command, an AUTH continuation or message data: the client's
 * side), a {@link ReplyLine} (one physical line of a reply), a {@link TranscriptNote} (the tool's
 * own remarks: connecting, connected, TLS started, closed, errors), or a skip for text outside the
 * dialogue (prose around an RFC example, mail headers around a bounce's transcript, debug output).
 * Lines are read one at a time; pairing commands with replies, data mode and sessions are the
 * assembler's work ({@code io.smtplog.core.session.DialogueAssembler}). AUTH credentials are
 * redacted here, before any event exists. Transcripts carry no dates: every event gets the
 * capture's time (the file's modification time). Stateless apart from that; never throws.
 */
public final class TranscriptLineParser implements LineParser {
  /** The peer of a transcript that does not name it on every line. */
  static final Peer UNNAMED_PEER = new Peer("unknown", "", Peer.NO_PORT);
  private static final LineResult.Skipped OUTSIDE = new LineResult.Skipped(SkipReason.NOT_DIALOGUE, "");

  private final TranscriptNotation notation;
  private final Instant at;
  private final ProcessRef process;
  private final EximDebugLine debug = new EximDebugLine();

  /**
   * @param at the time every event gets (the capture's, usually the file's modification time)
   */
  public TranscriptLineParser(TranscriptNotation notation, Instant at) {
    this.notation = notation;
    this.at = at;
    this.process = new ProcessRef("", "", notation.id(), -1);
  }

  @Override
  public LineResult parse(String line, SourceRef source) {
    if (line.isBlank()) {
      return LineResult.BLANK;
    }
    return switch (notation) {
      case SWAKS -> swaks(line, source);
      case RFC -> prefixed(line, source, "C: ", "S: ");
      case RFC821 -> prefixed(line, source, "S: ", "R: ");
      case ARROWS -> arrows(line, source);
      case EXIM_DEBUG -> eximDebug(line, source);
      case SMTPLIB -> smtplib(line, source);
      case POSTFIX_NOTICE -> postfixNotice(line, source);
      case BARE -> bare(line, source);
    };
  }

  // swaks (section 3): the hint, one space, the text.
  private LineResult swaks(String line, SourceRef source) {
    if (line.length() < 4 || line.charAt(3) != ' ') {
      return OUTSIDE;
    }
    String hint = line.substring(0, 3);
    String text = line.substring(4);
    return switch (hint) {
      case "===" -> note(source, swaksNote(text), text);
      case "***" -> note(source, Kind.ERROR, text);
      case " ->", " ~>", "**>", "*~>" -> client(source, text);
      case "<- ", "<~ ", "<**", "<~*" -> reply(source, text.startsWith(" ") ? text.substring(1) : text, line);
      default -> OUTSIDE; // "  >" and "<  " raw hex dumps
    };
  }

  private static Kind swaksNote(String text) {
    if (text.startsWith("Trying ")) {
      return Kind.CONNECTING;
    }
    if (text.startsWith("Connected to ")) {
      return Kind.CONNECTED;
    }
    if (text.startsWith("TLS started")) {
      return Kind.TLS_STARTED;
    }
    if (text.startsWith("Connection closed")) {
      return Kind.CLOSED;
    }
    return Kind.INFO;
  }

  // "C: " / "S: " (RFC 5321), "S: " / "R: " (RFC 821), possibly indented as in the RFC text.
  private LineResult prefixed(String line, SourceRef source, String clientPrefix, String serverPrefix) {
    int i = indent(line);
    // "C: " as the RFCs write it; pasted captures also show "C:EHLO" and "S:   250 OK".
    if (line.startsWith(clientPrefix.strip(), i)) {
      return client(source, afterMark(line, i + 2));
    }
    if (line.startsWith(serverPrefix.strip(), i)) {
      return reply(source, afterMark(line, i + 2), line);
    }
    return OUTSIDE;
  }

  private static String afterMark(String line, int from) {
    int i = from;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return line.substring(i);
  }

  // ">>> " sent, "<<< " received, "??? " expected (Sendmail bounces, Exim's test client).
  private LineResult arrows(String line, SourceRef source) {
    int i = indent(line);
    if (line.startsWith(">>> ", i)) {
      return client(source, line.substring(i + 4));
    }
    if (line.startsWith("<<< ", i)) {
      return reply(source, line.substring(i + 4), line);
    }
    if (line.startsWith("... while talking to ", i) || line.startsWith("Connecting to ", i)) {
      return note(source, line.contains("connected") || line.startsWith("... ", i) ? Kind.CONNECTED
          : Kind.CONNECTING, line.substring(i));
    }
    if (line.startsWith("End of script", i)) {
      return note(source, Kind.CLOSED, line.substring(i));
    }
    return OUTSIDE;
  }

  private LineResult eximDebug(String line, SourceRef source) {
    if (!debug.parse(line)) {
      return OUTSIDE;
    }
    ProcessRef who = new ProcessRef("", debug.client ? "client" : "server", notation.id(), debug.pid);
    Role role = debug.client ? Role.CLIENT : Role.SERVER;
    return switch (debug.kind) {
      case COMMAND -> command(source, who, role, debug.text);
      case REPLY, CONTINUATION -> replyOf(source, who, role, debug.text, line);
      case CLOSE -> new LineResult.Parsed(new TranscriptNote(at, source, Mta.TRANSCRIPT, who, Kind.CLOSED, debug.text));
      case OTHER -> OUTSIDE;
    };
  }

  // Python smtplib (section 7): "send: 'ehlo x\r\n'", "reply: b'250 Ok\r\n'", "connect: ('h', 25)".
  private LineResult smtplib(String line, SourceRef source) {
    int i = indent(line);
    if (line.length() > i + 16 && line.charAt(i + 2) == ':' && line.charAt(i + 5) == ':' && line.charAt(i + 8) == '.') {
      i = line.indexOf(' ', i) + 1; // debuglevel 2: a time of day first
    }
    if (line.startsWith("send: ", i)) {
      String text = PythonRepr.unquote(line, i + 6);
      return text == null ? OUTSIDE : client(source, stripLineEnd(text));
    }
    if (line.startsWith("reply: retcode", i)) {
      return OUTSIDE; // the parsed summary of the lines already read
    }
    if (line.startsWith("reply: ", i)) {
      String text = PythonRepr.unquote(line, i + 7);
      return text == null ? OUTSIDE : reply(source, stripLineEnd(text), line);
    }
    if (line.startsWith("connect: (", i)) {
      return note(source, Kind.CONNECTING, line.substring(i + 9));
    }
    return OUTSIDE; // "connect: to ...", "connect: b'greeting'", "data: (354, ...)"
  }

  // Postfix's mailed transcripts: the side that carries reply codes is the server's.
  private LineResult postfixNotice(String line, SourceRef source) {
    int i = indent(line);
    if (!line.startsWith("Out: ", i) && !line.startsWith("In:  ", i)) {
      return OUTSIDE;
    }
    String text = line.substring(i + 5);
    return isReplyLine(text, 0) ? reply(source, text, line) : client(source, text);
  }

  // telnet, netcat, a test server's script: replies by their code, tool chatter, the rest typed.
  private LineResult bare(String line, SourceRef source) {
    if (isReplyLine(line, 0)) {
      return reply(source, line, line);
    }
    Kind kind = bareNote(line);
    if (kind != null) {
      return note(source, kind, line);
    }
    return client(source, line);
  }

  private static Kind bareNote(String line) {
    if (line.startsWith("Trying ") && line.endsWith("...")) {
      return Kind.CONNECTING;
    }
    if (line.startsWith("Connected to ") || (line.startsWith("Connection to ") && line.endsWith("succeeded!"))
        || line.startsWith("Connection request from ") || line.startsWith("CONNECTED(")) {
      return Kind.CONNECTED;
    }
    if (line.startsWith("Connection closed") || line.startsWith("End of script")) {
      return Kind.CLOSED;
    }
    if (line.startsWith("Escape character is") || line.startsWith("$ ") || line.startsWith("**** ")
        || line.startsWith("******** ") || line.startsWith("Listening on port")) {
      return Kind.INFO;
    }
    return null;
  }

  // ---- events ---------------------------------------------------------------------------------

  private LineResult client(SourceRef source, String text) {
    return command(source, process, Role.CLIENT, text);
  }

  private LineResult command(SourceRef source, ProcessRef who, Role role, String text) {
    Optional<SmtpCommand> command = SmtpCommand.ofCommandLine(text);
    String safe = CredentialRedactor.redactCommandLine(text, command);
    return new LineResult.Parsed(new CommandLine(at, source, Mta.TRANSCRIPT, who, UNNAMED_PEER, role, command, safe));
  }

  private LineResult reply(SourceRef source, String text, String line) {
    return replyOf(source, process, Role.CLIENT, text, line);
  }

  private LineResult replyOf(SourceRef source, ProcessRef who, Role role, String text, String line) {
    if (!isReplyLine(text, 0)) {
      return OUTSIDE; // "S: " prose in an RFC, a server line that is no reply
    }
    boolean continued = text.length() > 3 && text.charAt(3) == '-';
    return new LineResult.Parsed(new ReplyLine(at, source, Mta.TRANSCRIPT, who, UNNAMED_PEER, role,
        ReplyCode.of(Integer.parseInt(text, 0, 3, 10)), continued, text.length() > 4 ? text.substring(4) : ""));
  }

  private LineResult note(SourceRef source, Kind kind, String text) {
    return new LineResult.Parsed(new TranscriptNote(at, source, Mta.TRANSCRIPT, process, kind, text));
  }

  /** True for a reply line at {@code from}: three digits 200..599, then end, space or "-" (RFC 5321 section 4.2). */
  static boolean isReplyLine(String line, int from) {
    if (!ReplyCode.isValid(line, from)) {
      return false;
    }
    int after = from + 3;
    return after == line.length() || line.charAt(after) == ' ' || line.charAt(after) == '-';
  }

  private static int indent(String line) {
    int i = 0;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static String stripLineEnd(String text) {
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(0, end);
  }
}
