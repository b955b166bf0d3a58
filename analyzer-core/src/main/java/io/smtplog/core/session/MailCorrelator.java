package io.smtplog.core.session;

import io.smtplog.core.model.CommandLine;
import io.smtplog.core.model.DeliveryAttempt;
import io.smtplog.core.model.EntryContinuation;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.MessageArrival;
import io.smtplog.core.model.MessageExpired;
import io.smtplog.core.model.MessageIdentified;
import io.smtplog.core.model.MessageQueued;
import io.smtplog.core.model.MessageReceived;
import io.smtplog.core.model.MessageRemoved;
import io.smtplog.core.model.Mta;
import io.smtplog.core.model.NotificationQueued;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.QueueId;
import io.smtplog.core.model.Rejected;
import io.smtplog.core.model.ReplyLine;
import io.smtplog.core.model.SessionEnded;
import io.smtplog.core.model.SessionStarted;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SourceRef;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.model.TranscriptNote;
import io.smtplog.core.session.MessageState.RecipientState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Correlates events into one {@link RecipientOutcome} per (message, recipient): the lines of a
 * message by queue id (postfix-log-format reference, section 2.2) until "removed"; deferred
 * recipients of an expired message become expired; a delivery whose reply says "queued as ID"
 * for a message of this log was a hop through a content filter, and only the re-injected copy
 * counts; RCPT-time replies from debug_peer transcripts are attached to the delivery of the same
 * process; a refused recipient counts once per server session (a client may repeat the RCPT),
 * once per refusal record where no session is known. Each finished
 * message (client, Message-ID, sender, size, recipient count, parent) and each server session
 * (connect to disconnect, by process) is handed to the listener too. Raw SMTP transcripts are put
 * back together into dialogues ({@link DialogueAssembler}), whose transactions give their
 * recipients' outcomes; the transcripts inside server logs become dialogues when the listener
 * wants them.
 *
 * <p>Memory is bounded: a message leaves the table when removed, and past {@code maxOpenMessages}
 * the oldest message not touched lately is finished early. Not thread-safe: feed it from one thread,
 * in input order, then call {@link #finish()}.
 */
public final class MailCorrelator implements Consumer<MailEvent> {
  private static final String QUEUED_AS = "queued as ";
  private static final int MAX_PENDING_PARENTS = 1024;
  /** Exim's text on the failure of an address whose retry time ran out (retry.c). */
  private static final String RETRY_TIMEOUT = "retry timeout exceeded";

  private final CorrelationListener listener;
  private final int maxOpenMessages;
  private final Map<QueueId, MessageState> messages;
  private final ClientDialogues dialogues = new ClientDialogues();
  private final DialogueAssembler transcripts;
  private final ServerSessions sessions;
  /** Notification id to the message it reports on, until the notification's own lines arrive. */
  private final Map<QueueId, QueueId> pendingParents = new LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<QueueId, QueueId> eldest) {
      return size() > MAX_PENDING_PARENTS; // a notification's own lines follow within moments, or never
    }
  };

  /** The rejectlog copy of a mainlog reject, or the reverse, is not a second reject. */
  private final EximRejectCopies eximRejects = new EximRejectCopies();

  private static final String ENVELOPE_TO = "Envelope-to: ";
  /** The last Exim reject of a whole message, whose rejectlog lines may name its recipients. */
  private Rejected dataReject;
  private boolean inEnvelopeTo;

  private long evictedEarly;
  private long filterHops;

  public MailCorrelator(CorrelationListener listener, int maxOpenMessages) {
    if (maxOpenMessages < 1) {
      throw new IllegalArgumentException("maxOpenMessages must be >= 1, was " + maxOpenMessages);
    }
    this.listener = listener;
    this.sessions = new ServerSessions(listener::session, listener.wantsMessagesAndSessions());
    this.transcripts = new DialogueAssembler(listener::dialogue, listener::recipient, listener.wantsDialogues());
    this.maxOpenMessages = maxOpenMessages;
    this.messages = new LinkedHashMap<>(1024, 0.75f, false); // insertion order: see message()
  }

  /** A correlator that keeps at most 100,000 messages open. */
  public MailCorrelator(CorrelationListener listener) {
    this(listener, 100_000);
  }

  @Override
  public void accept(MailEvent event) {
    // Kept small, the frequent kinds first: a rare kind seen late makes the JIT recompile this
    // method, and a small method recompiles quickly.
    if (event instanceof DeliveryAttempt d) {
      delivery(d);
    } else if (event instanceof MessageRemoved r) {
      removed(r);
    } else {
      acceptOther(event);
    }
  }

  private void acceptOther(MailEvent event) {
    if (event instanceof ReplyLine r) {
      if (r.mta() != Mta.TRANSCRIPT) {
        dialogues.reply(r);
      }
      transcripts.accept(r);
    } else if (event instanceof CommandLine c) {
      if (c.mta() != Mta.TRANSCRIPT) {
        dialogues.command(c);
      }
      transcripts.accept(c);
    } else if (event instanceof TranscriptNote n) {
      transcripts.accept(n);
    } else if (event instanceof EntryContinuation c) {
      continuation(c);
    } else if (event instanceof Rejected r) {
      rejected(r);
    } else if (event instanceof MessageQueued q) {
      MessageState m = message(q.queueId(), q);
      m.sender = q.sender();
      m.sizeBytes = q.sizeBytes();
      m.recipientCount = q.recipientCount();
    } else if (event instanceof MessageIdentified i) {
      message(i.queueId(), i).messageId = i.messageId();
    } else if (event instanceof MessageReceived r) {
      // Known from arrival on, so that a content filter's "queued as ID" can be recognised.
      MessageState m = message(r.queueId(), r);
      m.received = true;
      r.client().ifPresent(c -> m.client = c);
      r.origQueueId().ifPresent(orig -> m.parent = orig);
      sessions.received(r.mta(), r.process(), r.client(), r.queueId());
    } else if (event instanceof MessageArrival a) {
      arrival(a);
    } else if (event instanceof MessageExpired e) {
      expired(e);
    } else if (event instanceof NotificationQueued n) {
      MessageState child = messages.get(n.child());
      if (child != null) {
        child.parent = n.parent();
      } else {
        pendingParents.put(n.child(), n.parent()); // the notification's own lines follow
      }
    } else if (event instanceof SessionStarted s) {
      sessions.started(s);
    } else if (event instanceof SessionEnded s) {
      sessions.ended(s);
    }
    // DaemonMessage: nothing correlation needs.
  }

  /**
   * A reject-log entry's "Envelope-to: &lt;r&gt;" line, and the indented lines of further
   * recipients after it (exim-log-format reference section 7.1): after a reject of the whole
   * message (after DATA, by local_scan), these are the recipients it refused.
   */
  private void continuation(EntryContinuation c) {
    Rejected r = dataReject;
    if (r == null || !c.entry().equals(r.source()) && !c.queueId().equals(r.queueId())) {
      return;
    }
    String text = c.text();
    String address;
    if (text.startsWith(ENVELOPE_TO)) {
      inEnvelopeTo = true;
      address = text.substring(ENVELOPE_TO.length()).strip();
    } else if (inEnvelopeTo && !text.isEmpty() && Character.isWhitespace(text.charAt(0))) {
      address = text.strip();
    } else {
      inEnvelopeTo = false;
      return;
    }
    if (address.endsWith(",")) {
      address = address.substring(0, address.length() - 1);
    }
    if (address.length() > 2 && address.startsWith("<") && address.endsWith(">")) {
      MessageState m = message(r.queueId().get(), r);
      RecipientState state = m.recipient(address.substring(1, address.length() - 1), r.at());
      if (state.status == null) {
        state.status = RecipientStatus.REJECTED;
        state.finalReply = r.reply().orElse(null);
      }
    }
  }

  /** Exim's "&lt;=" line: the whole envelope at once. */
  private void arrival(MessageArrival a) {
    MessageState m = message(a.queueId(), a);
    m.received = true;
    m.tls = a.tlsCipher().isPresent();
    m.sender = a.sender();
    a.client().ifPresent(c -> m.client = c);
    a.sizeBytes().ifPresent(size -> m.sizeBytes = size);
    a.messageId().ifPresent(id -> m.messageId = id);
    a.parent().ifPresent(parent -> m.parent = parent);
    if (!a.recipients().isEmpty()) {
      m.recipientCount = a.recipients().size();
    }
    sessions.received(a.mta(), a.process(), a.client(), a.queueId());
  }

  private void removed(MessageRemoved r) {
    MessageState m = messages.remove(r.queueId());
    if (m != null) {
      m.seen(r.at());
      emit(m, true);
    }
  }

  private void expired(MessageExpired e) {
    MessageState m = messages.get(e.queueId());
    if (m != null) {
      m.expired = true;
      m.seen(e.at());
      for (RecipientState r : m.recipients.values()) {
        if (r.status == RecipientStatus.DEFERRED) {
          r.status = RecipientStatus.EXPIRED;
          r.lastSeen = e.at();
        }
      }
    }
  }

  /** Emits the outcomes of every message still open (deferred ones stay deferred). */
  public void finish() {
    for (Iterator<MessageState> it = messages.values().iterator(); it.hasNext(); ) {
      emit(it.next(), false);
      it.remove();
    }
    sessions.finish();
    transcripts.finish();
  }

  /**
   * The first line of the session {@code event} belongs to, as it stands now: the open dialogue of
   * a transcript line, or the open server session of the event's process (smtpd, Exim with a pid).
   * Ask before {@link #accept} for an event that may end its session, after it for one that may
   * start one. Null when there is none.
   */
  public SourceRef sessionOf(MailEvent event) {
    if (event instanceof CommandLine || event instanceof ReplyLine || event instanceof TranscriptNote) {
      SourceRef dialogue = transcripts.current(event);
      if (dialogue != null || event.mta() == Mta.TRANSCRIPT) {
        return dialogue;
      }
    }
    return sessions.current(event.process());
  }

  /** Deliveries recognised as hops through a content filter (not counted as deliveries). */
  public long filterHops() {
    return filterHops;
  }

  /** Messages finished early because the open-message table was full. */
  public long evictedEarly() {
    return evictedEarly;
  }

  private MessageState message(QueueId id, MailEvent event) {
    MessageState m = messages.get(id);
    if (m == null) {
      m = new MessageState(id, event.mta(), event.at());
      m.parent = pendingParents.isEmpty() ? null : pendingParents.remove(id);
      messages.put(id, m);
      if (messages.size() > maxOpenMessages) {
        evictOne();
      }
    } else {
      m.seen(event.at());
      m.referenced = true;
    }
    return m;
  }

  /**
   * Finishes the oldest message that was not touched since it was last looked at ("second chance",
   * the CLOCK approximation of least-recently-used): a message still being retried is moved to the
   * young end instead. An access-ordered map would relink nodes on every lookup; this touches one
   * field. Each pass clears the flags it passes over, so it ends within two rounds.
   */
  private void evictOne() {
    while (true) {
      Iterator<MessageState> eldest = messages.values().iterator();
      MessageState old = eldest.next();
      eldest.remove();
      if (old.referenced) {
        old.referenced = false;
        messages.put(old.queueId, old);
        continue;
      }
      evictedEarly++;
      emit(old, false);
      return;
    }
  }

  private void delivery(DeliveryAttempt d) {
    RecipientStatus status = switch (d.status()) {
      case SENT -> RecipientStatus.DELIVERED;
      case DEFERRED -> RecipientStatus.DEFERRED;
      case BOUNCED -> RecipientStatus.BOUNCED;
      case VERIFICATION, OTHER -> null; // address probes and traces deliver nothing
    };
    if (status == null) {
      return;
    }
    MessageState m = message(d.queueId(), d);
    if (status == RecipientStatus.BOUNCED && d.mta() == Mta.EXIM && d.detail().contains(RETRY_TIMEOUT)) {
      status = RecipientStatus.EXPIRED; // Exim gives up on a deferred address: the queue lifetime ran out
    }
    RecipientState r = m.recipient(d.recipient(), d.at());
    r.status = status;
    r.lastSeen = d.at();
    r.lastAttempt = d;
    r.finalReply = d.reply().orElse(null);
    d.origRecipient().ifPresent(o -> r.origRecipient = o);
    if (status == RecipientStatus.DEFERRED) {
      r.deferrals++;
    }
    // The RCPT-time reply of this attempt, which the last attempt decides like the status: from a
    // transcript of the same process, or Exim's "SMTP error ... after RCPT TO:<x>: 551 ...".
    SmtpReply rcpt = dialogues.claimRcptReply(d.process(), d.recipient());
    if (rcpt == null && d.reply().isPresent() && d.reply().get().command().orElse(null) == SmtpCommand.RCPT) {
      rcpt = d.reply().get();
    }
    r.rcptReply = rcpt;
    if (status == RecipientStatus.DELIVERED && d.mta() == Mta.POSTFIX) {
      r.reinjected = isReinjection(d);
      if (r.reinjected) {
        filterHops++;
      }
    }
  }

  /**
   * "250 2.0.0 Ok: queued as 4BxQ..." naming a message of this same log: a content-filter hop
   * (Postfix's reply to the filter's re-injection; an Exim behind a filter would answer "OK id=",
   * which is not followed yet).
   */
  private boolean isReinjection(DeliveryAttempt d) {
    int at = d.detail().lastIndexOf(QUEUED_AS);
    if (at < 0) {
      return false;
    }
    int start = at + QUEUED_AS.length();
    int end = start;
    while (end < d.detail().length() && Character.isLetterOrDigit(d.detail().charAt(end))) {
      end++;
    }
    if (end == start) {
      return false;
    }
    QueueId child = new QueueId(d.detail().substring(start, end));
    MessageState next = child.equals(d.queueId()) ? null : messages.get(child);
    if (next == null) {
      return false;
    }
    next.parent = d.queueId();
    return true;
  }

  private void rejected(Rejected r) {
    if (!r.isRefusal()) {
      return;
    }
    if (r.mta() == Mta.EXIM) {
      // Its rejectlog entry may name the recipients in "Envelope-to:" lines (see continuation()).
      dataReject = r.queueId().isPresent() && r.recipient().isEmpty() ? r : null;
      inEnvelopeTo = false;
    }
    if (!eximRejects.first(r)) {
      return; // Exim writes each reject to mainlog and to rejectlog: the second copy is the same reject
    }
    boolean firstInSession = sessions.refused(r);
    if (r.recipient().isEmpty()) {
      return;
    }
    if (r.queueId().isPresent()) {
      MessageState m = message(r.queueId().get(), r);
      RecipientState state = m.recipient(r.recipient(), r.at());
      if (state.status == null) {
        state.status = RecipientStatus.REJECTED;
        state.finalReply = r.reply().orElse(null);
      }
      return;
    }
    if (!firstInSession) {
      return; // the client repeated the same refused RCPT in this session
    }
    listener.recipient(new RecipientOutcome(r.mta(), Optional.empty(), r.recipient(),
        Addresses.domainOf(r.recipient()), Optional.empty(), RecipientStatus.REJECTED, rcptReplyOf(r), r.reply(),
        Optional.empty(), false, 0, Optional.empty(), r.at(), r.at(), r.client(), Optional.of(r.sender())));
  }

  private void emit(MessageState m, boolean complete) {
    List<RecipientOutcome> recipients = new ArrayList<>(m.recipients.size());
    Optional<Peer> client = Optional.ofNullable(m.client).filter(Peer::isNetworkAddress); // once per message
    Optional<QueueId> queueId = Optional.of(m.queueId);
    for (RecipientState r : m.recipients.values()) {
      if (r.status == null || r.reinjected) {
        continue;
      }
      DeliveryAttempt last = r.lastAttempt;
      Optional<Peer> relay = last == null ? Optional.empty() : last.relayPeer();
      boolean local = last != null && r.status == RecipientStatus.DELIVERED && isLocalDelivery(last, relay);
      RecipientOutcome outcome = new RecipientOutcome(m.mta, queueId, r.address,
          Addresses.addressedDomain(r.origRecipient, r.address),
          Optional.ofNullable(r.origRecipient), r.status,
          Optional.ofNullable(r.rcptReply), Optional.ofNullable(r.finalReply), relay.filter(Peer::isNetworkAddress),
          local, r.deferrals, last == null ? Optional.empty() : last.delay(), r.firstSeen, r.lastSeen, client,
          Optional.ofNullable(m.sender));
      recipients.add(outcome);
      listener.recipient(outcome);
    }
    if (!listener.wantsMessagesAndSessions()) {
      return;
    }
    listener.message(new MessageOutcome(m.mta, m.queueId, Optional.ofNullable(m.client),
        Optional.ofNullable(m.messageId), Optional.ofNullable(m.sender),
        m.sizeBytes < 0 ? OptionalLong.empty() : OptionalLong.of(m.sizeBytes),
        m.recipientCount < 0 ? OptionalLong.empty() : OptionalLong.of(m.recipientCount), Optional.ofNullable(m.parent),
        m.expired, complete, m.firstSeen, m.lastSeen, recipients, m.received, m.tls));
  }

  /** A reject's reply, as the RCPT-time reply when it refused a RCPT. */
  private static Optional<SmtpReply> rcptReplyOf(Rejected r) {
    return r.stage().equals("RCPT") ? r.reply() : Optional.empty();
  }

  /**
   * Postfix: local, virtual and pipe deliver on this host; so does LMTP over a UNIX socket
   * ("host[private/x]"). Exim: a delivery by a transport without a host (appendfile, pipe, LMTP
   * over a socket, autoreply).
   */
  private static boolean isLocalDelivery(DeliveryAttempt d, Optional<Peer> relay) {
    if (d.mta() == Mta.EXIM) {
      return relay.isEmpty() && !d.relay().isEmpty();
    }
    String program = d.process().program();
    if (program.equals("local") || program.equals("virtual") || program.equals("pipe")) {
      return true;
    }
    return program.equals("lmtp") && relay.isPresent() && !relay.get().isNetworkAddress();
  }
}
