package io.smtplog.core.session;

import io.smtplog.core.ingest.ReplyTextParser;
import io.smtplog.core.model.CommandLine;
import io.smtplog.core.model.ProcessRef;
import io.smtplog.core.model.ReplyLine;
import io.smtplog.core.model.Role;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SmtpReply;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Follows the SMTP dialogues that delivery agents log with debug_peer_list, one per process, and
 * remembers the reply each RCPT TO got until the delivery record for that recipient claims it
 * (Postfix logs "QID: to=..." after the transcript of the same process). Replies are paired with
 * commands in order (RFC 2920: pipelined replies come back in command order); multi-line replies
 * are joined. Not thread-safe; bounded by the number of live processes.
 */
final class ClientDialogues {
  private static final int MAX_PROCESSES = 4096;
  private static final int MAX_PENDING = 1000;

  private final Map<ProcessRef, Dialogue> byProcess = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<ProcessRef, Dialogue> eldest) {
      return size() > MAX_PROCESSES;
    }
  };

  private static final class Dialogue {
    final ArrayDeque<Pending> commands = new ArrayDeque<>();
    final List<String> replyLines = new ArrayList<>(4);
    final Map<String, SmtpReply> rcptReplies = new HashMap<>();
  }

  private record Pending(SmtpCommand command, String path) {}

  void command(CommandLine line) {
    if (line.role() != Role.CLIENT || line.command().isEmpty()) {
      return;
    }
    SmtpCommand command = line.command().get();
    Dialogue d = byProcess.computeIfAbsent(line.process(), p -> new Dialogue());
    if (command == SmtpCommand.MAIL) {
      d.rcptReplies.clear(); // a new transaction: earlier recipients were already logged
    }
    if (d.commands.size() >= MAX_PENDING) {
      return; // a dialogue this far out of step pairs nothing useful any more
    }
    d.commands.add(new Pending(command, command == SmtpCommand.RCPT ? Addresses.pathOfCommand(line.text()) : null));
    if (command == SmtpCommand.DATA) {
      // The client sends "." after 354 without logging it as a command in every version; the
      // final reply after the data answers end-of-data.
      d.commands.add(new Pending(SmtpCommand.DATA_END, null));
    }
  }

  void reply(ReplyLine line) {
    if (line.role() != Role.CLIENT) {
      return;
    }
    Dialogue d = byProcess.computeIfAbsent(line.process(), p -> new Dialogue());
    d.replyLines.add(line.text());
    if (line.continued()) {
      return;
    }
    Pending pending = d.commands.peek();
    if (line.code().value() == 220 && (pending == null || pending.command != SmtpCommand.STARTTLS)) {
      // A greeting: a new connection, whatever the last one left unanswered.
      d.commands.clear();
      pending = new Pending(SmtpCommand.CONNECT, null);
    } else {
      d.commands.poll();
    }
    SmtpReply reply = ReplyTextParser.assemble(line.code(), d.replyLines,
        pending == null ? null : pending.command);
    d.replyLines.clear();
    if (pending != null && pending.command == SmtpCommand.DATA && reply.code().value() != 354) {
      d.commands.poll(); // DATA refused: no end-of-data follows
    }
    if (pending != null && pending.command == SmtpCommand.RCPT && pending.path != null
        && d.rcptReplies.size() < MAX_PENDING) {
      d.rcptReplies.put(pending.path.toLowerCase(Locale.ROOT), reply);
    }
    if (pending != null && (pending.command == SmtpCommand.QUIT || pending.command == SmtpCommand.CONNECT)) {
      d.commands.clear();
    }
  }

  /** The RCPT-time reply this process got for {@code recipient}, removed once claimed. */
  SmtpReply claimRcptReply(ProcessRef process, String recipient) {
    if (byProcess.isEmpty()) {
      return null; // no transcript in this input: the common case, kept cheap
    }
    Dialogue d = byProcess.get(process);
    return d == null ? null : d.rcptReplies.remove(recipient.toLowerCase(Locale.ROOT));
  }
}
