package io.smtplog.core.session;

import io.smtplog.core.ingest.CredentialRedactor;
import io.smtplog.core.ingest.ReplyTextParser;
import io.smtplog.core.model.Addresses;
import io.smtplog.core.model.CommandLine;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.Mta;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.ProcessRef;
import io.smtplog.core.model.ReplyLine;
import io.smtplog.core.model.Role;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.model.SourceRef;
import io.smtplog.core.model.TranscriptNote;
import io.smtplog.core.outcome.DialogueExchange;
import io.smtplog.core.outcome.MessageContext;
import io.smtplog.core.outcome.RecipientOutcome;
import io.smtplog.core.outcome.RecipientStatus;
import io.smtplog.core.outcome.ReplySource;
import io.smtplog.core.outcome.SmtpDialogue;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts SMTP dialogues back together from transcript lines (transcript-formats reference section
 * 1): sessions start at a connect note or a greeting and end at QUIT/221, 421 or a close; commands
 * are paired with replies first in, first out (RFC 2920: pipelined replies come back in command
 * order); multi-line replies are joined; after DATA and 354 (any 3xx) every client line up to "." is message
 * data, and the next reply answers the end of data; after BDAT, the client's lines up to the reply
 * are the chunk; after a 334 the client's next line is an AUTH answer and is redacted; STARTTLS and
 * 220, or the tool's note, start TLS.
 *
 * <p>Every reply to RCPT TO is reported as it is paired ({@link Events#rcptReply}), in raw
 * transcripts and in the dialogues mail servers log (Postfix debug_peer_list): the correlator
 * attaches it to the delivery record of the same process, or to the session's transaction. Raw
 * transcripts (not a mail server's log) also yield recipient outcomes, one per RCPT of each
 * transaction: refused at RCPT (4xx deferred, 5xx rejected, with the reply and any forward-path),
 * or accepted and then decided by the reply to the end of data (2xx delivered, 4xx deferred, 5xx
 * rejected). A transaction abandoned before its data (a probe, like "swaks --quit-after RCPT")
 * delivered nothing, and its accepted recipients are not counted. Dialogues in Postfix or Exim
 * logs yield no recipients: the server's own records count them.
 *
 * <p>Bounded: at most {@value #MAX_OPEN} open dialogues (the least recently active is ended
 * first) and {@value #MAX_EXCHANGES} exchanges kept per dialogue. Not thread-safe.
 */
final class DialogueAssembler {
  static final int MAX_OPEN = 4096;
  static final int MAX_EXCHANGES = 5_000;
  private static final int MAX_PENDING = 1000;

  /** What the assembler reports, on the caller's thread. */
  interface Events {
    /** A dialogue ended; only when dialogues are kept. */
    void dialogue(SmtpDialogue dialogue);

    /** A raw transcript's recipient got its outcome. */
    void recipient(RecipientOutcome outcome);

    /**
     * A reply to RCPT TO was paired with its command.
     *
     * @param sender the MAIL FROM path of the transaction, when the dialogue showed it
     * @param peer the other side of the dialogue (the server, for a client's transcript)
     */
    void rcptReply(MailEvent line, Role role, Peer peer, String sender, String path, SmtpReply reply);

    /** A transaction started (MAIL FROM answered) in a dialogue a server logged. */
    void mailFrom(MailEvent line, Role role);
  }

  private final Events events;
  private final boolean keepDialogues;
  private final Map<Key, State> open = new LinkedHashMap<>(64, 0.75f, true);

  /** A dialogue's identity: a transcript file and its writer, or a logging process and its peer. */
  private record Key(String file, ProcessRef process, Peer peer) {}

  private record Pending(SmtpCommand command, String line, String path, boolean tls, SourceRef source) {}

  private record Rcpt(String path, SmtpReply reply) {}

  private static final class State {
    final Mta mta;
    /** A raw transcript (not a mail server's log): its transactions decide recipients. */
    final boolean raw;
    final SourceRef first;
    final ProcessRef process;
    final Role role;
    final Instant start;
    Peer peer;
    Instant end;
    final List<DialogueExchange> exchanges = new ArrayList<>();
    int dropped;
    /** Exchanges seen while no dialogue records are kept. */
    int exchangeCount;
    final ArrayDeque<Pending> pending = new ArrayDeque<>();
    final List<String> replyLines = new ArrayList<>(4);
    boolean dataMode;
    boolean bdatMode;
    int dataLines;
    boolean tls;
    boolean authAnswerNext;
    /** openssl s_client's certificate and handshake dump, from "CONNECTED(" to the first reply. */
    boolean preamble;
    String sender;
    final List<Rcpt> rcpts = new ArrayList<>();
    Instant lastSeen;

    State(Mta mta, SourceRef first, ProcessRef process, Role role, Peer peer, Instant start) {
      this.mta = mta;
      this.raw = mta.rawDialogue();
      this.first = first;
      this.process = process;
      this.role = role;
      this.peer = peer;
      this.start = start;
      this.end = start;
      this.lastSeen = start;
    }

    boolean noExchanges() {
      return exchanges.isEmpty() && exchangeCount == 0;
    }

    boolean isEmpty() {
      return exchanges.isEmpty() && exchangeCount == 0 && pending.isEmpty() && dropped == 0;
    }
  }

  /**
   * @param events receives dialogues, transcript recipients and RCPT replies
   * @param keepDialogues false to build no dialogue records (replies are still paired)
   */
  DialogueAssembler(Events events, boolean keepDialogues) {
    this.events = events;
    this.keepDialogues = keepDialogues;
  }

  void accept(MailEvent event) {
    if (event instanceof CommandLine c) {
      command(c);
    } else if (event instanceof ReplyLine r) {
      reply(r);
    } else if (event instanceof TranscriptNote n) {
      note(n);
    }
  }

  /** The first lines of the dialogues still open. */
  void openFirsts(java.util.Set<SourceRef> out) {
    for (State s : open.values()) {
      out.add(s.first);
    }
  }

  /** The first line of the open dialogue {@code e} belongs to, or null. */
  SourceRef current(MailEvent e) {
    Peer peer = e instanceof CommandLine c ? c.peer() : e instanceof ReplyLine r ? r.peer() : null;
    State s = open.get(keyOf(e, peer));
    return s == null ? null : s.first;
  }

  private Key keyOf(MailEvent e, Peer peer) {
    return e.mta().rawDialogue() ? new Key(e.source().file(), e.process(), null) : new Key("", e.process(), peer);
  }

  private State state(Key key, MailEvent e, Peer peer, Role role) {
    State s = open.get(key);
    if (s == null) {
      s = new State(e.mta(), e.source(), e.process(), role, peer, e.at());
      open.put(key, s);
      if (open.size() > MAX_OPEN) {
        Iterator<State> eldest = open.values().iterator();
        State old = eldest.next();
        eldest.remove();
        finish(old, false);
      }
    }
    s.lastSeen = e.at();
    if (e.at().isAfter(s.end)) {
      s.end = e.at();
    }
    return s;
  }

  // ---- notes: connect, close, TLS --------------------------------------------------------------

  private void note(TranscriptNote n) {
    Key key = keyOf(n, null);
    State s = open.get(key);
    switch (n.kind()) {
      case CONNECTING, CONNECTED -> {
        if (s != null && !s.isEmpty()) {
          open.remove(key);
          finish(s, false); // a new connection: the last one ended without a close note
          s = null;
        }
        Peer named = NotePeers.peerOf(n.text());
        State fresh = s != null ? s : state(key, n, named, Role.CLIENT);
        fresh.preamble = n.text().startsWith("CONNECTED(");
        if (named != NotePeers.UNNAMED) {
          fresh.peer = NotePeers.merge(fresh.peer, named); // "Trying 127.0.0.2:2525..." then "Connected to 127.0.0.2."
        }
      }
      case TLS_STARTED -> {
        if (s != null) {
          s.tls = true;
        }
      }
      case CLOSED -> {
        if (s != null) {
          open.remove(key);
          finish(s, true);
        }
      }
      case ERROR, INFO -> {
        // nothing for the dialogue
      }
    }
  }

  // ---- the client's lines -----------------------------------------------------------------------

  private void command(CommandLine c) {
    State s = state(keyOf(c, c.peer()), c, c.peer(), c.role());
    String text = c.text();
    if (s.preamble) {
      return; // s_client's own output ("depth=0 CN = mx", "-----BEGIN CERTIFICATE-----", "---")
    }
    if (s.dataMode) {
      // Message content up to the lone "." (smtplib sends the body as one chunk ending in ".").
      if (text.equals(".")) {
        s.dataMode = false; // the end of data is no data line
      } else {
        s.dataLines++;
        if (text.endsWith("\n.")) {
          s.dataMode = false; // smtplib sends the body and the final "." as one chunk
        }
      }
      return;
    }
    if (s.bdatMode && c.command().isEmpty()) {
      s.dataLines++; // a BDAT chunk's content, shown as lines
      return;
    }
    if (s.authAnswerNext) {
      s.authAnswerNext = false;
      String answer = text.strip().equals("*") ? "*" : CredentialRedactor.REDACTED;
      s.pending.add(new Pending(SmtpCommand.AUTH, answer, null, s.tls, c.source()));
      return;
    }
    SmtpCommand command = c.command().orElse(null);
    if (s.pending.size() >= MAX_PENDING) {
      return;
    }
    String path = command == SmtpCommand.RCPT || command == SmtpCommand.MAIL ? Addresses.pathOfCommand(text) : null;
    s.pending.add(new Pending(command, text, path, s.tls, c.source()));
    if (command == SmtpCommand.BDAT) {
      s.bdatMode = true;
      s.dataLines = 0;
    }
  }

  // ---- the server's lines ---------------------------------------------------------------------

  private void reply(ReplyLine r) {
    Key key = keyOf(r, r.peer());
    State s = state(key, r, r.peer(), r.role());
    s.preamble = false;
    s.replyLines.add(r.text());
    if (r.continued()) {
      return;
    }
    Pending pending = s.pending.peek();
    int code = r.code().value();
    boolean startTlsWaits = pending != null && pending.command == SmtpCommand.STARTTLS;
    // The first reply of a connection is its greeting, also when the client spoke before it.
    boolean greeting = s.noExchanges() && s.dropped == 0
        && (code == 220 && !startTlsWaits || pending == null && (code == 554 || code == 421));
    if (code == 220 && !s.noExchanges() && !startTlsWaits) {
      // A greeting where no STARTTLS waits: a new connection in the same transcript, whatever the
      // last one left unanswered (Postfix's smtp client logs no 221 to the QUIT it sends).
      List<String> lines = new ArrayList<>(s.replyLines);
      s.replyLines.clear();
      boolean quit = pending != null && pending.command == SmtpCommand.QUIT;
      open.remove(key);
      finish(s, quit);
      s = state(key, r, r.peer(), r.role());
      s.replyLines.addAll(lines);
      greeting = true;
    }
    if (s.dataMode || s.bdatMode) {
      s.dataMode = false; // the reply came: the data (or chunk) is over
      s.bdatMode = false;
    }
    if (!greeting) {
      s.pending.poll();
    }
    SmtpCommand answered = greeting ? SmtpCommand.CONNECT : pending == null ? null : pending.command;
    SmtpReply reply = ReplyTextParser.assemble(r.code(), s.replyLines, answered);
    s.replyLines.clear();
    int dataLines = 0;
    if (answered == SmtpCommand.DATA_END || answered == SmtpCommand.BDAT) {
      dataLines = s.dataLines;
      s.dataLines = 0;
    }
    addExchange(s, answered, greeting || pending == null ? null : pending.line,
        reply, pending == null ? s.tls : pending.tls, dataLines, r.source());
    if (answered == SmtpCommand.DATA && code / 100 == 3) {
      // 354, or any 3xx: clients treat the class as "go ahead" (RFC 5321 section 4.2.1)
      s.pending.addFirst(new Pending(SmtpCommand.DATA_END, null, null, s.tls, r.source()));
      s.dataMode = true;
      s.dataLines = 0;
    }
    if (code == 334) {
      s.authAnswerNext = true; // the client's next line answers the challenge: a credential
    }
    if (answered == SmtpCommand.STARTTLS && code == 220) {
      s.tls = true;
    }
    transaction(s, answered, pending, reply, r);
    if (answered == SmtpCommand.QUIT || code == 421) {
      open.remove(key);
      finish(s, true);
    }
  }

  private void addExchange(State s, SmtpCommand command, String line, SmtpReply reply, boolean tls,
      int dataLines, SourceRef source) {
    if (!keepDialogues) {
      s.exchangeCount++; // only whether the dialogue is empty matters
      return;
    }
    if (s.exchanges.size() >= MAX_EXCHANGES) {
      s.dropped++;
      return;
    }
    s.exchanges.add(new DialogueExchange(SmtpCommand.optional(command), Optional.ofNullable(line),
        Optional.ofNullable(reply), tls, dataLines, source));
  }

  /**
   * Follows MAIL, RCPT and the end of data: every RCPT reply is reported; raw transcripts' recipients
   * are decided at the end of their transaction.
   */
  private void transaction(State s, SmtpCommand answered, Pending pending, SmtpReply reply, ReplyLine line) {
    if (answered == null) {
      return;
    }
    int code = reply.code().value();
    switch (answered) {
      case MAIL -> {
        abandon(s);
        s.sender = code < 400 && pending != null ? pending.path : null;
        if (!s.raw && code < 400) {
          events.mailFrom(line, s.role);
        }
      }
      case RCPT -> {
        if (pending != null && pending.path != null) {
          events.rcptReply(line, s.role, s.peer, s.sender, pending.path, reply);
          if (s.raw && s.rcpts.size() < MAX_PENDING) {
            s.rcpts.add(new Rcpt(pending.path, reply));
          }
        }
      }
      case DATA -> {
        if (code >= 400) {
          abandon(s); // DATA refused: nothing was sent
        }
      }
      case DATA_END -> complete(s, reply);
      case BDAT -> {
        if (pending != null && pending.line != null && pending.line.toUpperCase(java.util.Locale.ROOT).contains("LAST")
            || code >= 400) {
          complete(s, reply);
        }
      }
      case RSET, QUIT, HELO, EHLO -> abandon(s);
      default -> {
        // other commands do not change the transaction
      }
    }
  }

  /** The transaction ended with the reply to its data: every recipient gets its outcome. */
  private void complete(State s, SmtpReply dataReply) {
    for (Rcpt rcpt : s.rcpts) {
      SmtpReply decisive = rcpt.reply.code().value() >= 400 ? rcpt.reply : dataReply;
      emit(s, rcpt, statusOf(decisive), decisive);
    }
    s.rcpts.clear();
    s.sender = null;
  }

  /** The transaction ended before its data: only refused recipients have an outcome. */
  private void abandon(State s) {
    if (s.rcpts.isEmpty()) {
      return;
    }
    for (Rcpt rcpt : s.rcpts) {
      if (rcpt.reply.code().value() >= 400) {
        emit(s, rcpt, statusOf(rcpt.reply), rcpt.reply);
      }
    }
    s.rcpts.clear();
  }

  private void emit(State s, Rcpt rcpt, RecipientStatus status, SmtpReply finalReply) {
    // The server the transcript talked to took the mail (or refused it): a relayed recipient, never
    // local. A 4xx is the recipient's status here, not a deferred attempt a server logged: deferrals
    // count those, in every report alike.
    String recipient = Addresses.normalized(rcpt.path);
    MessageContext context = new MessageContext(Optional.empty(),
        Optional.ofNullable(s.sender == null ? null : Addresses.normalized(s.sender)), Optional.empty(),
        java.util.OptionalLong.empty(), Optional.empty(), s.tls, Optional.of(s.first)); // the transcript's session
    events.recipient(new RecipientOutcome(s.mta, Optional.empty(), context, recipient,
        Optional.empty(), Addresses.domainOf(recipient), status, Optional.of(rcpt.reply),
        Optional.of(ReplySource.TRANSCRIPT), Optional.of(finalReply), finalReply.text(), Optional.empty(),
        s.peer.address().isEmpty() ? Optional.empty() : Optional.of(s.peer), false, 1, 0, 0, 0, s.lastSeen,
        s.lastSeen, List.of(recipient)));
  }

  private static RecipientStatus statusOf(SmtpReply reply) {
    int code = reply.code().value();
    if (code >= 500) {
      return RecipientStatus.REJECTED;
    }
    return code >= 400 ? RecipientStatus.DEFERRED : RecipientStatus.DELIVERED;
  }

  // ---- the end ----------------------------------------------------------------------------------

  /** Ends every open dialogue: the input ended. */
  /** Forgets, without a word, the open dialogues {@code keep} does not want (their lines were partial). */
  void forget(java.util.function.Predicate<SourceRef> keep) {
    open.values().removeIf(s -> !keep.test(s.first));
  }

  void finish() {
    for (Iterator<State> it = open.values().iterator(); it.hasNext(); ) {
      State s = it.next();
      it.remove();
      finish(s, false);
    }
  }

  private void finish(State s, boolean complete) {
    abandon(s);
    for (Pending p : s.pending) {
      if (p.command == SmtpCommand.DATA_END && p.line == null) {
        continue;
      }
      addExchange(s, p.command, p.line, null, p.tls, 0, p.source);
    }
    s.pending.clear();
    if (!keepDialogues || s.isEmpty()) {
      return;
    }
    events.dialogue(new SmtpDialogue(s.mta, s.first, s.process, s.peer, s.role, s.start, s.end, s.exchanges,
        complete, s.dropped));
  }
}
