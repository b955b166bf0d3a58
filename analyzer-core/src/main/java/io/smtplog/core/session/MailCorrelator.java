package io.smtplog.core.session;

import io.smtplog.core.model.Addresses;
import io.smtplog.core.model.CommandLine;
import io.smtplog.core.model.DaemonMessage;
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
import io.smtplog.core.model.ProcessRef;
import io.smtplog.core.model.QueueId;
import io.smtplog.core.model.Rejected;
import io.smtplog.core.model.ReplyLine;
import io.smtplog.core.model.Role;
import io.smtplog.core.model.SessionEnded;
import io.smtplog.core.model.SessionStarted;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.model.SourceRef;
import io.smtplog.core.model.TlsEstablished;
import io.smtplog.core.model.TranscriptNote;
import io.smtplog.core.outcome.Attempt;
import io.smtplog.core.outcome.MessageContext;
import io.smtplog.core.outcome.MessageOutcome;
import io.smtplog.core.outcome.Observation;
import io.smtplog.core.outcome.OutcomeListener;
import io.smtplog.core.outcome.RcptReply;
import io.smtplog.core.outcome.RecipientOutcome;
import io.smtplog.core.outcome.RecipientStatus;
import io.smtplog.core.outcome.ReplySource;
import io.smtplog.core.outcome.SmtpDialogue;
import io.smtplog.core.session.MessageState.RecipientState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Puts the events of every format together into the outcome stream ({@link io.smtplog.core.outcome}):
 * the lines of a message by queue id (postfix-log-format reference, section 2.2) until it is
 * removed; one {@link RecipientOutcome} per recipient, with the fate of the last copy of the mail
 * meant for it. Hops count once:
 * <ul>
 *   <li>a delivery whose next hop names the message's new queue id ({@link DeliveryAttempt#queuedAs},
 *       "queued as ID") for a message of the same input, or a message that names its original
 *       ({@code orig_queue_id=}), is a hop through a content filter (or a relay chain within the
 *       inputs): the copy's fate is the recipient's, the hop's deferrals are its deferrals, whatever
 *       the order of the lines (the copy is often delivered and removed before the hop's line is
 *       written: finished messages wait {@value #GRACE_SECONDS} seconds of log time for it);
 *   <li>a delivery that made a new message for the recipient ({@link DeliveryAttempt#forwardedAs},
 *       an alias or .forward) hands the recipient's fate to that copy: delivered when every copy
 *       was, otherwise the worst copy's; the copy's own recipients are not counted again;
 *   <li>a refusal of a whole message (content checks, after DATA) refuses every recipient the input
 *       shows for it: the one the record names, those known by queue id, those the receiving
 *       server's logged dialogue accepted, and those a reject log lists.
 * </ul>
 * Deferred recipients of an expired message become expired; RCPT-time replies from the dialogues
 * servers log are attached to the delivery of the same process; a refused recipient counts once per
 * server session (a client may repeat the RCPT), once per refusal where the session is not certain.
 * Rejects a server logs twice ({@link Rejected#mirrored()}) are dropped here, before any consumer.
 *
 * <p>Memory is bounded: a message leaves the table when it is finished, and past {@code
 * maxOpenMessages} the oldest message not touched lately is finished early. Not thread-safe: feed
 * it from one thread, in input order, then call {@link #finish()}.
 */
public final class MailCorrelator implements Consumer<MailEvent> {
  /** How long (log time) a finished message waits for the hop line that names it as a copy. */
  static final long GRACE_SECONDS = 600;
  private static final int MAX_FINISHING = 16_384;
  private static final int MAX_PENDING_PARENTS = 1024;
  private static final int MAX_CLAIM_PROCESSES = 4096;
  private static final int MAX_CLAIMS = 1000;
  private static final int MAX_MESSAGE_REJECTS = 1024;

  private final OutcomeListener listener;
  private final int maxOpenMessages;
  private final Map<QueueId, MessageState> messages = new LinkedHashMap<>(1024, 0.75f, false);
  /** Finished messages that may still be named as a copy by a hop line, oldest first. */
  private final Map<QueueId, MessageState> finishing = new LinkedHashMap<>(64, 0.75f, false);
  /** Copies that were emitted: a hop line naming one later is a hop, and its copy was counted. */
  private final RecentIds emittedCopies = new RecentIds(1 << 17);
  private final DialogueAssembler dialogues;
  private final ServerSessions sessions;
  private final RejectCopies rejectCopies = new RejectCopies();
  /** Notification id to the message it reports on, until the notification's own lines arrive. */
  private final Map<QueueId, QueueId> pendingParents = bounded(MAX_PENDING_PARENTS, false);
  /** RCPT replies of the dialogues servers log as clients, per process, until the delivery record claims them. */
  private final Map<ProcessRef, Map<String, SmtpReply>> claims = bounded(MAX_CLAIM_PROCESSES, true);
  /** Recent refusals of whole messages, by queue id: a reject log's lines may name their recipients. */
  private final Map<QueueId, Rejected> messageRejects = bounded(MAX_MESSAGE_REJECTS, false);
  private final EnvelopeRecipients envelope = new EnvelopeRecipients();

  private long evictedEarly;

  public MailCorrelator(OutcomeListener listener, int maxOpenMessages) {
    if (maxOpenMessages < 1) {
      throw new IllegalArgumentException("maxOpenMessages must be >= 1, was " + maxOpenMessages);
    }
    this.listener = listener;
    this.maxOpenMessages = maxOpenMessages;
    this.sessions = new ServerSessions(listener::accept);
    this.dialogues = new DialogueAssembler(new DialogueEvents(), listener.wantsDialogues());
  }

  /** A correlator that keeps at most 100,000 messages open. */
  public MailCorrelator(OutcomeListener listener) {
    this(listener, 100_000);
  }

  @Override
  public void accept(MailEvent event) {
    // Kept small, the frequent kinds first: a rare kind seen late makes the JIT recompile this
    // method, and a small method recompiles quickly.
    if (!finishing.isEmpty()) {
      flushFinishing(event.at());
    }
    if (event instanceof DeliveryAttempt d) {
      delivery(d);
    } else if (event instanceof MessageRemoved r) {
      removed(r.queueId(), r.at());
    } else {
      acceptOther(event);
    }
  }

  private void acceptOther(MailEvent event) {
    if (event instanceof CommandLine || event instanceof ReplyLine || event instanceof TranscriptNote) {
      dialogues.accept(event);
    } else if (event instanceof EntryContinuation c) {
      continuation(c);
    } else if (event instanceof Rejected r) {
      rejected(r);
    } else if (event instanceof MessageQueued q) {
      MessageState m = message(q.queueId(), q);
      m.sender = Addresses.normalized(q.sender());
      m.sizeBytes = q.sizeBytes();
      m.recipientCount = q.recipientCount();
    } else if (event instanceof MessageIdentified i) {
      message(i.queueId(), i).messageId = i.messageId();
    } else if (event instanceof MessageReceived r) {
      received(r, message(r.queueId(), r), r.client());
      r.origQueueId().ifPresent(orig -> copyOf(message(r.queueId(), r), orig));
    } else if (event instanceof MessageArrival a) {
      arrival(a);
    } else if (event instanceof MessageExpired e) {
      expired(e);
    } else if (event instanceof NotificationQueued n) {
      MessageState child = messages.get(n.child());
      if (child != null) {
        child.notificationOf = n.parent();
      } else {
        pendingParents.put(n.child(), n.parent()); // the notification's own lines follow
      }
    } else if (event instanceof SessionStarted s) {
      sessions.started(s);
    } else if (event instanceof SessionEnded s) {
      sessions.ended(s);
    } else if (event instanceof TlsEstablished t) {
      if (t.role() == Role.SERVER) {
        sessions.tls(t.process(), t.peer());
      }
      listener.accept(Observation.of(t));
    } else if (event instanceof DaemonMessage m) {
      listener.accept(Observation.of(m));
    }
  }

  // ---- messages -----------------------------------------------------------------------------------

  private void received(MailEvent event, MessageState m, Optional<Peer> client) {
    m.received = true;
    if (m.arrival == null) {
      m.arrival = event.at();
    }
    client.ifPresent(c -> m.client = c);
    ServerSessions.State session = sessions.received(event.process(), client, m.queueId);
    if (session != null) {
      m.session = session.first();
      m.sessionState = session;
      m.tls |= session.tls();
    }
  }

  /** Exim's "&lt;=" line: the whole envelope at once. */
  private void arrival(MessageArrival a) {
    MessageState m = message(a.queueId(), a);
    received(a, m, a.client());
    if (a.tlsCipher().isPresent()) {
      m.tls = true; // Exim logs TLS with the message (X=), not with the connection
      if (m.sessionState != null) {
        m.sessionState.tls = true;
      }
    }
    m.sender = Addresses.normalized(a.sender());
    a.sizeBytes().ifPresent(size -> m.sizeBytes = size);
    a.messageId().ifPresent(id -> m.messageId = id);
    a.parent().ifPresent(parent -> m.notificationOf = parent);
    if (!a.recipients().isEmpty()) {
      m.recipientCount = a.recipients().size();
    }
  }

  /** The copy names its original ({@code orig_queue_id=}): it inherits the original's context. */
  private void copyOf(MessageState copy, QueueId original) {
    if (copy.queueId.equals(original)) {
      return;
    }
    copy.copyOf = original;
    MessageState parent = find(original);
    if (parent != null && copy.originContext == null) {
      copy.originContext = parent.context();
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

  private void removed(QueueId id, Instant at) {
    MessageState m = messages.remove(id);
    if (m == null) {
      return;
    }
    m.seen(at);
    m.removed = true;
    if (m.client != null && m.copyOf == null) {
      // Received over SMTP and not known as a copy: a content filter's hop line may name it soon.
      finishing.put(m.queueId, m);
      if (finishing.size() > MAX_FINISHING) {
        emitOldestFinishing();
      }
    } else {
      emit(m);
    }
  }

  private void flushFinishing(Instant now) {
    long horizon = now.getEpochSecond() - GRACE_SECONDS;
    while (!finishing.isEmpty()) {
      MessageState oldest = finishing.values().iterator().next();
      if (oldest.lastSeen.getEpochSecond() >= horizon) {
        return;
      }
      emitOldestFinishing();
    }
  }

  private void emitOldestFinishing() {
    Iterator<MessageState> it = finishing.values().iterator();
    MessageState m = it.next();
    it.remove();
    emit(m);
  }

  /** The open or finishing message {@code id}, or null. */
  private MessageState find(QueueId id) {
    MessageState m = messages.get(id);
    return m != null ? m : finishing.get(id);
  }

  private MessageState message(QueueId id, MailEvent event) {
    MessageState m = messages.get(id);
    if (m == null) {
      m = finishing.remove(id);
      if (m != null) {
        messages.put(id, m); // a line after its removal: the story goes on
      }
    }
    if (m == null) {
      m = new MessageState(id, event.mta(), event.at());
      m.notificationOf = pendingParents.isEmpty() ? null : pendingParents.remove(id);
      messages.put(id, m);
      if (messages.size() > maxOpenMessages) {
        evictOne();
      }
    } else {
      m.seen(event.at());
      m.referenced = true;
    }
    m.seen = true;
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
      emit(old);
      return;
    }
  }

  /** Emits the outcomes of every message still open (deferred ones stay deferred), and every session. */
  public void finish() {
    while (!finishing.isEmpty()) {
      emitOldestFinishing();
    }
    for (Iterator<MessageState> it = messages.values().iterator(); it.hasNext(); ) {
      MessageState m = it.next();
      it.remove();
      emit(m);
    }
    sessions.finish();
    dialogues.finish();
  }

  /**
   * The first line of the session {@code event} belongs to, as it stands now: the open dialogue of
   * a transcript line, or the open server session of the event's process. Ask before
   * {@link #accept} for an event that may end its session, after it for one that may start one.
   * Null when there is none.
   */
  public SourceRef sessionOf(MailEvent event) {
    if (event instanceof CommandLine || event instanceof ReplyLine || event instanceof TranscriptNote) {
      SourceRef dialogue = dialogues.current(event);
      if (dialogue != null || event.mta() == Mta.TRANSCRIPT) {
        return dialogue;
      }
    }
    return sessions.current(event.process());
  }

  /** Messages finished early because the open-message table was full. */
  public long evictedEarly() {
    return evictedEarly;
  }

  // ---- deliveries ---------------------------------------------------------------------------------

  private void delivery(DeliveryAttempt d) {
    RecipientStatus status = switch (d.status()) {
      case SENT -> RecipientStatus.DELIVERED;
      case DEFERRED -> RecipientStatus.DEFERRED;
      case BOUNCED -> RecipientStatus.BOUNCED;
      case EXPIRED -> RecipientStatus.EXPIRED;
      case DISCARDED -> RecipientStatus.DISCARDED;
      case VERIFICATION, OTHER -> null; // address probes and traces deliver nothing
    };
    if (status == null) {
      return;
    }
    MessageState m = message(d.queueId(), d);
    RecipientState r = m.recipient(d.recipient(), d.at());
    d.origRecipient().ifPresent(o -> r.origRecipient = o);
    r.attempts++;
    r.lastSeen = d.at();
    // The RCPT-time reply of this attempt, which the last attempt decides like the status: from a
    // dialogue the same process logged, or a record that says the reply answered RCPT TO.
    SmtpReply rcpt = claim(d.process(), d.recipient());
    ReplySource rcptSource = rcpt == null ? null : ReplySource.DEBUG_LOG;
    if (rcpt == null && d.reply().isPresent() && d.reply().get().command().orElse(null) == SmtpCommand.RCPT) {
      rcpt = d.reply().get();
      rcptSource = ReplySource.RECORD;
      listener.accept(new RcptReply(d.at(), d.mta(), Addresses.normalized(d.recipient()),
          Addresses.domainOf(d.recipient()), Optional.ofNullable(m.sender), rcpt, d.relayPeer(), ReplySource.RECORD,
          d.source()));
    }
    if (status == RecipientStatus.DEFERRED) {
      r.deferrals++;
    }
    listener.accept(new Attempt(d, Addresses.addressedDomain(rootOriginal(r), d.recipient()), m.context()));
    if (r.handedOver) {
      return; // the hop's own line, after its copy took over the recipient
    }
    r.status = status;
    r.lastAttempt = d;
    r.finalReply = d.reply().orElse(null);
    r.finalText = d.detail();
    r.rcptReply = rcpt;
    r.rcptReplySource = rcptSource;
    if (status != RecipientStatus.DELIVERED) {
      return;
    }
    if (d.forwardedAs().isPresent()) {
      forwarded(r, d.forwardedAs().get());
    } else if (d.queuedAs().isPresent() && !d.queuedAs().get().equals(m.queueId)) {
      hop(r, d.queuedAs().get());
    }
  }

  /** The next hop queued the mail as {@code copyId}: when the inputs hold that copy, it decides. */
  private void hop(RecipientState r, QueueId copyId) {
    MessageState copy = find(copyId);
    if (copy != null) {
      handOver(r, copy);
      copy.copyOf = copy.copyOf != null ? copy.copyOf : r.message.queueId;
      if (copy.originContext == null) {
        copy.originContext = r.message.context();
      }
    } else if (emittedCopies.contains(copyId)) {
      r.handedOver = true; // the copy was counted already; its line came long before this one
    }
  }

  /** An alias or .forward sent the mail on as the new message {@code copyId}. */
  private void forwarded(RecipientState r, QueueId copyId) {
    MessageState copy = find(copyId);
    if (copy == null) {
      copy = new MessageState(copyId, r.message.mta, r.lastSeen); // its lines follow
      messages.put(copyId, copy);
      if (messages.size() > maxOpenMessages) {
        evictOne();
      }
    }
    copy.copyOf = r.message.queueId;
    if (copy.originContext == null) {
      copy.originContext = r.message.context();
    }
    r.previous = r.previous != null ? r.previous : r.message.inherited.get(MessageState.key(r.address));
    r.handedOver = true;
    copy.addForwardOrigin(r);
  }

  private static void handOver(RecipientState r, MessageState copy) {
    String key = MessageState.key(r.address);
    r.previous = r.previous != null ? r.previous : r.message.inherited.get(key);
    r.handedOver = true;
    copy.inherit(key, r);
  }

  /** The address the mail was first addressed to, through the hops before {@code r}. */
  private static String rootOriginal(RecipientState r) {
    RecipientState first = r;
    while (first.previous != null) {
      first = first.previous;
    }
    return first.origRecipient != null ? first.origRecipient : first == r ? null : first.address;
  }

  private SmtpReply claim(ProcessRef process, String recipient) {
    if (claims.isEmpty()) {
      return null; // no dialogue in this input: the common case, kept cheap
    }
    Map<String, SmtpReply> replies = claims.get(process);
    return replies == null ? null : replies.remove(MessageState.key(recipient));
  }

  // ---- refusals -----------------------------------------------------------------------------------

  private void rejected(Rejected r) {
    if (!rejectCopies.first(r)) {
      return; // the other log's copy of a reject already seen
    }
    listener.accept(Observation.of(r));
    boolean refusal = r.isRefusal();
    if (!refusal && !r.isDiscard()) {
      return;
    }
    boolean firstInSession = !refusal || sessions.refused(r);
    RecipientStatus status = refusal ? RecipientStatus.REJECTED : RecipientStatus.DISCARDED;
    Optional<SmtpReply> rcptReply = refusal && r.stage().equals("RCPT") ? r.answeredReply() : Optional.empty();
    if (rcptReply.isPresent() && !r.recipient().isEmpty()) {
      listener.accept(new RcptReply(r.at(), r.mta(), Addresses.normalized(r.recipient()),
          Addresses.domainOf(r.recipient()), Optional.of(Addresses.normalized(r.sender())), rcptReply.get(),
          Optional.empty(), ReplySource.RECORD, r.source()));
    }
    if (r.queueId().isPresent() && (r.recipient().isEmpty() || isWholeMessage(r))) {
      refuseMessage(r, status);
      return;
    }
    if (r.recipient().isEmpty() || !firstInSession) {
      return; // a refusal of no recipient, or the client repeated the same refused RCPT in this session
    }
    if (r.queueId().isPresent()) {
      RecipientState state = message(r.queueId().get(), r).recipient(r.recipient(), r.at());
      decide(state, status, r);
      state.rcptReply = rcptReply.orElse(null);
      state.rcptReplySource = rcptReply.isPresent() ? ReplySource.RECORD : null;
      return;
    }
    String recipient = Addresses.normalized(r.recipient());
    listener.accept(new RecipientOutcome(r.mta(), Optional.empty(),
        MessageContext.of(Addresses.normalized(r.sender()), r.client()), recipient, Optional.empty(),
        Addresses.domainOf(recipient), status, rcptReply, rcptReply.map(x -> ReplySource.RECORD), r.reply(),
        r.detail(), Optional.empty(), Optional.empty(), false, 0, 0, 0, 0, r.at(), r.at()));
  }

  /** A refusal after the recipients were given: of the data, or by a check of the content. */
  private static boolean isWholeMessage(Rejected r) {
    return switch (r.stage()) {
      case "END-OF-MESSAGE", "DATA", "BDAT", "header", "body", "mime-header", "nested-header", "mime-error" -> true;
      default -> false;
    };
  }

  /**
   * Every recipient of the message the input shows gets the refusal: the one the record names,
   * those known by queue id, and those the receiving session's logged dialogue accepted.
   */
  private void refuseMessage(Rejected r, RecipientStatus status) {
    MessageState m = message(r.queueId().get(), r);
    messageRejects.put(m.queueId, r);
    Set<String> addresses = new LinkedHashSet<>();
    if (!r.recipient().isEmpty()) {
      addresses.add(r.recipient());
    }
    if (m.sessionState != null) {
      addresses.addAll(m.sessionState.acceptedRecipients());
    }
    for (String address : addresses) {
      m.recipient(address, r.at());
    }
    for (RecipientState state : m.recipients.values()) {
      decide(state, status, r);
    }
  }

  private static void decide(RecipientState state, RecipientStatus status, Rejected r) {
    if (state.status != null || state.handedOver) {
      return;
    }
    state.status = status;
    state.finalReply = r.reply().orElse(null);
    state.finalText = r.detail();
    state.lastSeen = r.at();
  }

  /**
   * A reject-log entry's continuation lines after a refusal of a whole message: its
   * {@code Envelope-to:} header and the folded lines after it name the recipients it refused
   * (exim-log-format reference section 7.1; RFC 5322 section 2.2.3 folding).
   */
  private void continuation(EntryContinuation c) {
    Rejected r = c.queueId().isEmpty() ? null : messageRejects.get(c.queueId().get());
    if (r == null) {
      return;
    }
    for (String address : envelope.addresses(c.queueId().get(), c.text())) {
      MessageState m = message(c.queueId().get(), c);
      decide(m.recipient(address, r.at()), r.isRefusal() ? RecipientStatus.REJECTED : RecipientStatus.DISCARDED, r);
    }
  }

  // ---- emission -----------------------------------------------------------------------------------

  private void emit(MessageState m) {
    if (m.client != null) {
      emittedCopies.add(m.queueId);
    }
    MessageState original = m.copyOf == null ? null : find(m.copyOf);
    List<RecipientOutcome> outcomes = new ArrayList<>(m.recipients.size());
    Set<String> domains = new LinkedHashSet<>();
    if (!m.forwardOrigins.isEmpty()) {
      forwardOutcomes(m, outcomes);
    } else {
      for (RecipientState r : m.recipients.values()) {
        if (r.status == null) {
          continue;
        }
        String key = MessageState.key(r.address);
        // The copy's recipient is the original's by its address, or by the address the copy says
        // it was sent to (an alias the copy resolved: "to=<root@...>, orig_to=<postmaster@...>").
        String sentTo = r.origRecipient == null ? key : MessageState.key(r.origRecipient);
        RecipientState previous = m.inherited.containsKey(key) ? m.inherited.get(key) : m.inherited.get(sentTo);
        if (previous == null && original != null) {
          // The copy named its original (orig_queue_id=) and is done before the hop line: the
          // original's recipient is handed over now, and its hop line will find it so.
          RecipientState before = original.recipients.containsKey(key) ? original.recipients.get(key)
              : original.recipients.get(sentTo);
          if (before != null && isFinalFailure(before.status) && !before.handedOver) {
            continue; // the hop failed for the original: it counts there; this copy saw the same refusal
          }
          before = before != null ? before : original.recipient(r.origRecipient != null ? r.origRecipient : r.address,
              r.firstSeen);
          handOver(before, m);
          previous = before;
        }
        if (r.previous == null) {
          r.previous = previous;
        }
        domains.add(Addresses.addressedDomain(rootOriginal(r), r.address));
        if (r.handedOver) {
          continue; // a later copy decides
        }
        outcomes.add(outcome(m, r, r, r.status, 0));
      }
    }
    for (RecipientOutcome o : outcomes) {
      listener.accept(o);
    }
    listener.accept(new MessageOutcome(m.mta, m.queueId, m.context(), m.received, Optional.ofNullable(m.copyOf),
        Optional.ofNullable(m.notificationOf), outcomes, domains,
        m.recipientCount < 0 ? OptionalLong.empty() : OptionalLong.of(m.recipientCount), m.removed, m.expired,
        m.firstSeen, m.lastSeen));
  }

  private static boolean isFinalFailure(RecipientStatus status) {
    return status == RecipientStatus.BOUNCED || status == RecipientStatus.EXPIRED || status == RecipientStatus.REJECTED;
  }

  /**
   * The outcomes of the recipients an alias or .forward sent on as message {@code m}: each takes
   * the fate of the copies (delivered when all were, otherwise the worst), and the copies' own
   * recipients are not counted.
   */
  private void forwardOutcomes(MessageState m, List<RecipientOutcome> outcomes) {
    RecipientState decisive = null;
    for (RecipientState copy : m.recipients.values()) {
      if (copy.status == null || copy.handedOver) {
        continue;
      }
      if (decisive == null || copy.status.severity() > decisive.status.severity()) {
        decisive = copy;
      }
    }
    for (RecipientState origin : m.forwardOrigins) {
      if (decisive == null) {
        // No copy was decided: still queued when the input ended, or the copy's lines are not in it.
        RecipientStatus status = m.seen && !m.removed ? RecipientStatus.DEFERRED : RecipientStatus.DELIVERED;
        outcomes.add(outcome(m, origin, origin, status, 1));
      } else {
        outcomes.add(outcome(m, origin, decisive, decisive.status, 1));
      }
    }
  }

  /**
   * The outcome of recipient {@code r} of message {@code m}, decided by {@code last} (r itself, or
   * the copy a forward made), with the hops before it merged in.
   */
  private RecipientOutcome outcome(MessageState m, RecipientState r, RecipientState last, RecipientStatus status,
      int forwards) {
    int attempts = r.attempts + (last == r ? 0 : last.attempts);
    int deferrals = r.deferrals + (last == r ? 0 : last.deferrals);
    int hops = 0;
    Instant first = r.firstSeen;
    RecipientState root = r;
    for (RecipientState p = r.previous; p != null; p = p.previous) {
      attempts += p.attempts;
      deferrals += p.deferrals;
      hops++;
      if (p.firstSeen.isBefore(first)) {
        first = p.firstSeen;
      }
      root = p;
    }
    String address = recipientAddress(last, m);
    String original = root.origRecipient != null ? root.origRecipient : root == last ? null : root.address;
    Optional<String> orig = Optional.ofNullable(original).map(Addresses::normalized)
        .filter(o -> !o.equalsIgnoreCase(address));
    DeliveryAttempt attempt = last.lastAttempt;
    Optional<Peer> relay = attempt == null ? Optional.empty() : attempt.relayPeer().filter(Peer::isNetworkAddress);
    boolean local = status == RecipientStatus.DELIVERED && relay.isEmpty();
    Instant lastSeen = last.lastSeen.isAfter(r.lastSeen) ? last.lastSeen : r.lastSeen;
    MessageState decided = last.message;
    return new RecipientOutcome(decided.mta, Optional.of(decided.queueId), m.context(), address, orig,
        Addresses.addressedDomain(orig.orElse(null), address), status, Optional.ofNullable(last.rcptReply),
        Optional.ofNullable(last.rcptReplySource), Optional.ofNullable(last.finalReply), last.finalText,
        Optional.ofNullable(attempt), relay, local, attempts, deferrals, hops, forwards, first,
        lastSeen.isBefore(first) ? first : lastSeen);
  }

  /**
   * The address as counted: domain lower-cased; a bare local part (Exim's "=&gt; carol
   * &lt;carol@example.com&gt;") takes the domain of the address the mail was sent to.
   */
  private static String recipientAddress(RecipientState r, MessageState m) {
    String address = r.address;
    if (address.indexOf('@') < 0 && r.origRecipient != null) {
      String domain = Addresses.domainOf(r.origRecipient);
      if (!domain.isEmpty()) {
        address = address + "@" + domain;
      }
    }
    return Addresses.normalized(address);
  }

  // ---- dialogues ----------------------------------------------------------------------------------

  /** What the dialogue assembler reports, turned into outcomes and claims. */
  private final class DialogueEvents implements DialogueAssembler.Events {
    @Override
    public void dialogue(SmtpDialogue dialogue) {
      listener.accept(dialogue);
    }

    @Override
    public void recipient(RecipientOutcome outcome) {
      listener.accept(outcome);
    }

    @Override
    public void rcptReply(MailEvent line, Role role, Peer peer, String sender, String path, SmtpReply reply) {
      boolean raw = line.mta() == Mta.TRANSCRIPT;
      SmtpReply answer = reply.command().isPresent() ? reply : reply.answering(SmtpCommand.RCPT);
      listener.accept(new RcptReply(line.at(), line.mta(), Addresses.normalized(path), Addresses.domainOf(path),
          Optional.ofNullable(sender).map(Addresses::normalized),
          answer, role == Role.CLIENT && !peer.address().isEmpty() ? Optional.of(peer) : Optional.empty(),
          raw ? ReplySource.TRANSCRIPT : ReplySource.DEBUG_LOG, line.source()));
      if (raw) {
        return;
      }
      if (role == Role.CLIENT) {
        Map<String, SmtpReply> replies = claims.computeIfAbsent(line.process(), p -> new HashMap<>(4));
        if (replies.size() < MAX_CLAIMS) {
          replies.put(MessageState.key(path), answer);
        }
      } else if (reply.code().value() / 100 == 2) {
        sessions.recipientAccepted(line.process(), path);
      }
    }

    @Override
    public void mailFrom(MailEvent line, Role role) {
      if (role == Role.CLIENT) {
        Map<String, SmtpReply> replies = claims.get(line.process());
        if (replies != null) {
          replies.clear(); // a new transaction: the last one's recipients were logged
        }
      } else {
        sessions.transactionStarted(line.process());
      }
    }
  }

  private static <K, V> Map<K, V> bounded(int max, boolean accessOrder) {
    return new LinkedHashMap<>(64, 0.75f, accessOrder) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > max;
      }
    };
  }

}
