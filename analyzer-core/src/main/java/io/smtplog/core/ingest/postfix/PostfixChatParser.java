package io.smtplog.core.ingest.postfix;

import io.smtplog.core.ingest.CredentialRedactor;
import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.model.CommandLine;
import io.smtplog.core.model.Mta;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.ProcessRef;
import io.smtplog.core.model.ReplyCode;
import io.smtplog.core.model.ReplyLine;
import io.smtplog.core.model.Role;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SourceRef;
import java.time.Instant;
import java.util.Optional;

/**
 * Parses debug_peer_list transcript records (smtpd/smtpd_chat.c, smtp/smtp_chat.c):
 * {@code < PEER: TEXT} is a line received by this Postfix process, {@code > PEER: TEXT} one it sent.
 * smtpd is the server (it receives commands), smtp and lmtp are clients (they receive replies).
 * Stateless; AUTH credentials are redacted before the event exists.
 */
final class PostfixChatParser {
  private PostfixChatParser() {}

  /** True when the message at {@code from} looks like "&lt; " or "&gt; " followed by "host[...]". */
  static boolean isChat(String line, int from) {
    int n = line.length();
    if (from + 4 >= n || line.charAt(from + 1) != ' ') {
      return false;
    }
    char dir = line.charAt(from);
    return (dir == '<' || dir == '>') && line.indexOf('[', from + 2) > 0;
  }

  static LineResult parse(String line, int from, Instant at, SourceRef source, ProcessRef process) {
    boolean received = line.charAt(from) == '<';
    int peerStart = from + 2;
    int close = line.indexOf(']', peerStart);
    int colon = close < 0 ? -1 : line.indexOf(": ", close);
    int textStart = colon + 2;
    if (colon < 0) {
      // An empty line sent or received is logged as "< host[ip]:port: " and may lose its space.
      if (close > 0 && line.endsWith(":")) {
        colon = line.length() - 1;
        textStart = line.length();
      } else {
        return LineResult.malformed(source, ProblemKind.TRUNCATED, "transcript record without \"PEER: \"", line);
      }
    }
    Optional<Peer> peer = Peer.parse(line.substring(peerStart, colon));
    if (peer.isEmpty()) {
      return LineResult.malformed(source, ProblemKind.BAD_FIELD, "transcript peer is not host[address]", line);
    }
    String text = line.substring(textStart);
    Role role = isServer(process.program()) ? Role.SERVER : Role.CLIENT;
    boolean isReply = (role == Role.SERVER) != received;
    if (isReply) {
      if (!ReplyCode.isValid(text, 0) || (text.length() > 3 && text.charAt(3) != ' ' && text.charAt(3) != '-')) {
        return LineResult.malformed(source, ProblemKind.BAD_FIELD, "reply line without a valid reply code", line);
      }
      boolean continued = text.length() > 3 && text.charAt(3) == '-';
      String replyText = text.length() > 4 ? text.substring(4) : "";
      return new LineResult.Parsed(new ReplyLine(at, source, Mta.POSTFIX, process, peer.get(), role,
          ReplyCode.of(Integer.parseInt(text, 0, 3, 10)), continued, replyText));
    }
    Optional<SmtpCommand> command = SmtpCommand.ofCommandLine(text);
    String safe = CredentialRedactor.redactCommandLine(text, command);
    return new LineResult.Parsed(new CommandLine(at, source, Mta.POSTFIX, process, peer.get(), role, command, safe));
  }

  private static boolean isServer(String program) {
    return program.equals("smtpd") || program.equals("postscreen");
  }
}
