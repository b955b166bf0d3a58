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
import io.smtplog.core.outcome.ServerSession;
import io.smtplog.core.outcome.SmtpDialogue;
import io.smtplog.core.session.MessageState.Delivery;
import io.smtplog.core.session.MessageState.Hand;
import io.smtplog.core.session.MessageState.Recipient;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Puts the events of every format together into the outcome stream ({@link io.smtplog.core.outcome}):
 * the lines of a message by queue id (postfix-log-format reference, section 2.2) until it is
 * finished; one {@link RecipientOutcome} per recipient as the mail was addressed to it (RCPT TO,
 * {@code orig_to=}, Exim's {@code <parent>}), with the fate of the last copy of the mail meant for
 * it: delivered when every final address was, otherwise the worst. An alias that expands to several
 * addresses, a hop and a forward count once:
 * <ul>
 *   <li>a delivery whose next hop names the message's new queue id ({@link DeliveryAttempt#queuedAs},
 *       "queued as ID") for a message of the same input, or a message that names its original
 *       ({@code orig_queue_id=}), is a hop through a content filter (or a relay chain within the
 *       inputs): the copy's fate is the recipient's, the hop's deferrals are its deferrals, whatever
 *       the order of the lines (the copy is often delivered and removed before the hop's line is
 *       written: finished messages wait {@value #GRACE_SECONDS} seconds of log time for it);
 *   <li>a delivery that made a new message for the recipient ({@link DeliveryAttempt#forwardedAs},
 *       an alias or .forward) hands its fate to that copy, whose own recipients are not counted
 *       again;
 *   <li>a refusal of a whole message (content checks, after DATA) refuses every recipient the input
 *       shows for it: the one the record names, those known by queue id, those the receiving
 *       server's logged dialogue accepted, those a reject log lists, and, when the session's end
 *       record counts more accepted RCPTs than the log names, that many unnamed ones.
 * </ul>
 * A recipient's outcome comes when its message and every copy after it are finished. Deferred
 * recipients of an expired message become expired; RCPT-time replies from the dialogues servers log
 * are attached to the delivery of the same process; a refused recipient counts once per server
 * session (a client may repeat the RCPT), once per refusal where the session is not certain.
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
  private static final int MAX_HOP_PEERS = 256;

  private final OutcomeListener listener;
  private final int maxOpenMessages;
  /** Messages not finished: open ones, and removed ones in their grace time (see {@link #removed}). */
  private final Map<QueueId, MessageState> messages = new LinkedHashMap<>(1024, 0.75f, false);
  /**
   * Removed messages that may still be named as a copy by a hop line, oldest first; an entry whose
   * message came back to life (a line after its removal) is stale and skipped.
   */
  private final ArrayDeque<Grace> grace = new ArrayDeque<>();
  /** How many messages are in their grace time (the live entries of {@link #grace}). */
  private int inGrace;
  private long graceStamps;
  /**
   * Copies that were emitted: a hop line naming one later is a hop, and its copy was counted. The
   * hop line follows its copy's removal within a second or so (the filter answers as it re-injects),
   * so the last 16,384 suffice, and the table (256 KB) stays in the processor's cache: it is asked
   * on every delivery that names a next hop's queue id.
   */
  private final RecentIds emittedCopies = new RecentIds(1 << 14);
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
  /** Addresses of next hops whose "queued as ID" named a message of the inputs: content filters. */
  private final Set<String> hopPeers = new HashSet<>();
  /** The outcomes decided while the innermost message being finished is; see {@link #finish}. */
  private List<RecipientOutcome> batch = new ArrayList<>();
  /** How many finishes are on the stack (finishing a copy can finish the message it was made from). */
  private int finishDepth;

  private long evictedEarly;
  // What the listener wants besides recipient outcomes (OutcomeListener.wants): the rest is not built.
  private final boolean wantAttempts;
  private final boolean wantMessages;
  private final boolean wantObservations;
  private final boolean wantSessions;
  private final boolean wantRcptReplies;

  public MailCorrelator(OutcomeListener listener, int maxOpenMessages) {
    if (maxOpenMessages < 1) {
      throw new IllegalArgumentException("maxOpenMessages must be >= 1, was " + maxOpenMessages);
    }
    this.listener = listener;
    this.maxOpenMessages = maxOpenMessages;
    this.wantAttempts = listener.wants(Attempt.class);
    this.wantMessages = listener.wants(MessageOutcome.class);
    this.wantObservations = listener.wants(Observation.class);
    this.wantSessions = listener.wants(ServerSession.class);
    this.wantRcptReplies = listener.wants(RcptReply.class);
    this.sessions = new ServerSessions(this::sessionEnded);
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
    if (inGrace > 0) {
      flushGrace(event.at());
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
      MessageState m = message(r.queueId(), r);
      received(r, m, r.client());
      r.origQueueId().ifPresent(orig -> copyOf(m, orig));
    } else if (event instanceof MessageArrival a) {
      arrival(a);
    } else if (event instanceof MessageExpired e) {
      expired(e);
    } else if (event instanceof NotificationQueued n) {
      MessageState child = openMessage(n.child());
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
      if (wantObservations) {
        listener.accept(Observation.of(t));
      }
    } else if (event instanceof DaemonMessage m && wantObservations) {
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
    MessageState m = openMessage(e.queueId());
    if (m != null) {
      m.expired = true;
      m.seen(e.at());
      for (Recipient r : m.recipients.values()) {
        for (Delivery d : r.deliveries.values()) {
          if (d.status == RecipientStatus.DEFERRED && d.hand == Hand.NONE) {
            d.status = RecipientStatus.EXPIRED;
            d.lastSeen = e.at();
          }
        }
      }
    }
  }

  private void removed(QueueId id, Instant at) {
    MessageState m = messages.get(id);
    if (m == null || m.inGrace) {
      return;
    }
    m.seen(at);
    m.removed = true;
    if (m.client != null && m.copyOf == null && mayReinject(m.client)) {
      // Received over SMTP from where a content filter may re-inject, and not known as a copy: the
      // filter's hop line may name it soon.
      m.inGrace = true;
      m.graceStamp = ++graceStamps;
      grace.addLast(new Grace(m, m.graceStamp));
      if (++inGrace > MAX_FINISHING) {
        finishOldestInGrace();
      }
    } else {
      messages.remove(id);
      finish(m);
    }
  }

  /**
   * True when mail from {@code client} may be a content filter's re-injection: from the loopback
   * address or a socket (where filters run), or from a next hop that re-injected mail before.
   * Other mail is finished at once, while its state is still in the processor's cache. (A filter
   * on another host whose very first hop line comes after its copy's removal is missed: its copy
   * then counts on its own, once, see {@link Hand#HOP_COUNTED}.)
   */
  private boolean mayReinject(Peer client) {
    String address = client.address();
    return address.startsWith("127.") || address.equals("::1") || address.equals("IPv6:::1")
        || !client.isNetworkAddress() || hopPeers.contains(address);
  }

  private void hopPeer(String address) {
    if (!hopPeers.contains(address)) {
      if (hopPeers.size() == MAX_HOP_PEERS) {
        hopPeers.clear(); // bounded: many next hops answer "queued as"; a filter's address comes back soon
      }
      hopPeers.add(address);
    }
  }

  /** A removed message waiting for the hop line that may name it, as of one removal. */
  private record Grace(MessageState message, long stamp) {
    boolean live() {
      return message.inGrace && message.graceStamp == stamp;
    }
  }

  /** Finishes the messages whose grace time ended before {@code now}. */
  private void flushGrace(Instant now) {
    long horizon = now.getEpochSecond() - GRACE_SECONDS;
    while (inGrace > 0) {
      Grace oldest = grace.peekFirst();
      if (!oldest.live()) {
        grace.pollFirst();
      } else if (oldest.message().lastSeen.getEpochSecond() >= horizon) {
        return;
      } else {
        finishOldestInGrace();
      }
    }
  }

  private void finishOldestInGrace() {
    while (true) {
      Grace oldest = grace.pollFirst();
      if (oldest.live()) {
        MessageState m = oldest.message();
        endGrace(m);
        messages.remove(m.queueId);
        finish(m);
        return;
      }
    }
  }

  /** {@code m} leaves its grace time: finished now, or back to life. */
  private void endGrace(MessageState m) {
    m.inGrace = false;
    if (--inGrace == 0) {
      grace.clear(); // only stale entries are left
    }
  }

  /** The open message {@code id}, or null; not one in its grace time. */
  private MessageState openMessage(QueueId id) {
    MessageState m = messages.get(id);
    return m == null || m.inGrace ? null : m;
  }

  /** The open message {@code id} or one in its grace time, or null. */
  private MessageState find(QueueId id) {
    return messages.get(id);
  }

  private MessageState message(QueueId id, MailEvent event) {
    MessageState m = messages.get(id);
    if (m == null) {
      m = open(id, event.mta(), event.at());
    } else {
      if (m.inGrace) {
        endGrace(m); // a line after its removal: the story goes on
      }
      m.seen(event.at());
      m.referenced = true;
    }
    m.seen = true;
    return m;
  }

  private MessageState open(QueueId id, Mta mta, Instant at) {
    MessageState m = new MessageState(id, mta, at);
    m.notificationOf = pendingParents.isEmpty() ? null : pendingParents.remove(id);
    messages.put(id, m);
    if (messages.size() - inGrace > maxOpenMessages) {
      evictOne();
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
      if (old.inGrace) {
        endGrace(old); // removed already: it need not wait for a hop line under memory pressure
        finish(old);
        continue;
      }
      if (old.referenced) {
        old.referenced = false;
        messages.put(old.queueId, old);
        continue;
      }
      evictedEarly++;
      finish(old);
      return;
    }
  }

  /** Emits the outcomes of every message still open (deferred ones stay deferred), and every session. */
  public void finish() {
    while (inGrace > 0) {
      finishOldestInGrace();
    }
    sessions.finish();
    while (!messages.isEmpty()) {
      Iterator<MessageState> it = messages.values().iterator();
      MessageState m = it.next();
      it.remove();
      finish(m);
    }
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
      if (dialogue != null || event.mta().rawDialogue()) {
        return dialogue;
      }
    }
    return sessions.current(event.process());
  }

  /**
   * True while the message {@code id} is not finished (open, or removed and waiting for a late
   * hop line): its story is still being told.
   */
  public boolean isOpen(QueueId id) {
    return messages.containsKey(id);
  }

  /**
   * Forgets, without emitting them, the open dialogues whose first line {@code keep} does not want:
   * dialogues an index read again in part, to give a message its RCPT replies again.
   */
  public void forgetDialogues(java.util.function.Predicate<SourceRef> keep) {
    dialogues.forget(keep);
  }

  /** The first lines of the server sessions and dialogues still open. */
  public Set<SourceRef> openSessions() {
    Set<SourceRef> out = new java.util.HashSet<>();
    sessions.openFirsts(out);
    dialogues.openFirsts(out);
    return out;
  }

  /** Messages finished early because the open-message table was full. */
  public long evictedEarly() {
    return evictedEarly;
  }

  // ---- recipients and deliveries ------------------------------------------------------------------

  /** The recipient of {@code m} addressed as {@code addressed}, linked to the copy it continues. */
  private Recipient recipient(MessageState m, String addressed, Instant at) {
    Recipient r = m.recipient(addressed, at);
    if (r.from == null && !r.finalized) {
      if (!m.forwardFrom.isEmpty()) {
        link(r, m.forwardFrom.get(0));
      } else if (!m.hopFrom.isEmpty()) {
        Delivery before = m.hopFrom.get(MessageState.key(addressed));
        if (before != null) {
          link(r, before);
        }
      }
    }
    return r;
  }

  /** {@code r} continues {@code before}: its fate is reported there when it is known. */
  private static void link(Recipient r, Delivery before) {
    if (r.from == null) {
      r.from = before;
      before.recipient.pending++;
    }
  }

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
    Recipient r = recipient(m, d.origRecipient().orElse(d.recipient()), d.at());
    Delivery x = r.delivery(d.recipient(), d.at());
    x.attempts++;
    x.lastSeen = d.at();
    // The RCPT-time reply of this attempt, which the last attempt decides like the status: from a
    // dialogue the same process logged, or a record that says the reply answered RCPT TO.
    SmtpReply rcpt = claim(d.process(), d.recipient());
    ReplySource rcptSource = rcpt == null ? null : ReplySource.DEBUG_LOG;
    if (rcpt == null && d.reply().isPresent() && d.reply().get().command().orElse(null) == SmtpCommand.RCPT) {
      rcpt = d.reply().get();
      rcptSource = ReplySource.RECORD;
      emit(new RcptReply(d.at(), d.mta(), Addresses.normalized(d.recipient()),
          Addresses.domainOf(d.recipient()), Optional.ofNullable(m.sender), rcpt, d.relayPeer(), ReplySource.RECORD,
          d.source()));
    }
    if (status == RecipientStatus.DEFERRED) {
      x.deferrals++;
    }
    if (wantAttempts) {
      listener.accept(new Attempt(d, Addresses.addressedDomain(rootAddress(r), d.recipient()), m.context()));
    }
    if (x.hand != Hand.NONE) {
      return; // the hop's own line, after its copy took the recipient over
    }
    x.status = status;
    x.lastAttempt = d;
    x.finalReply = d.reply().orElse(null);
    x.finalText = d.detail();
    x.rcptReply = rcpt;
    x.rcptReplySource = rcptSource;
    if (status != RecipientStatus.DELIVERED) {
      return;
    }
    if (d.forwardedAs().isPresent()) {
      forwarded(x, d.forwardedAs().get());
    } else if (d.queuedAs().isPresent() && !d.queuedAs().get().equals(m.queueId)) {
      if (hop(x, d.queuedAs().get())) {
        d.relayPeer().ifPresent(p -> hopPeer(p.address())); // a content filter: it re-injects from there
      }
    }
  }

  /**
   * The next hop queued the mail as {@code copyId}: when the inputs hold that copy, it decides.
   * True when they do (the next hop is a content filter that re-injected the mail here).
   */
  private boolean hop(Delivery x, QueueId copyId) {
    MessageState copy = find(copyId);
    if (copy != null) {
      x.hand = Hand.HOP;
      x.recipient.pending++; // until the copy is finished
      copy.addHopFrom(x);
      copy.copyOf = copy.copyOf != null ? copy.copyOf : x.recipient.message.queueId;
      if (copy.originContext == null) {
        copy.originContext = x.recipient.message.context();
      }
      for (Recipient r : copy.recipients.values()) {
        if (r.from == null && !r.finalized && MessageState.key(r.address).equals(MessageState.key(x.address))) {
          link(r, x);
        }
      }
      return true;
    }
    if (emittedCopies.contains(copyId)) {
      x.hand = Hand.HOP_COUNTED; // the copy was counted already; its line came long before this one
      return true;
    }
    return false;
  }

  /** An alias or .forward sent the mail on as the new message {@code copyId}. */
  private void forwarded(Delivery x, QueueId copyId) {
    MessageState copy = find(copyId);
    if (copy == null) {
      copy = open(copyId, x.recipient.message.mta, x.lastSeen); // its lines follow
    }
    x.hand = Hand.FORWARD;
    x.recipient.pending++; // until the copy is finished
    copy.addForwardFrom(x);
    copy.copyOf = x.recipient.message.queueId;
    if (copy.originContext == null) {
      copy.originContext = x.recipient.message.context();
    }
    for (Recipient r : copy.recipients.values()) {
      if (!r.finalized) {
        link(r, x);
      }
    }
  }

  /** The address the mail was first addressed to, through the copies before {@code r}. */
  private static String rootAddress(Recipient r) {
    Recipient root = r;
    while (root.from != null) {
      root = root.from.recipient;
    }
    return root.address;
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
    if (wantObservations) {
      listener.accept(Observation.of(r));
    }
    boolean refusal = r.isRefusal();
    if (!refusal && !r.isDiscard()) {
      return;
    }
    boolean firstInSession = !refusal || sessions.refused(r);
    RecipientStatus status = refusal ? RecipientStatus.REJECTED : RecipientStatus.DISCARDED;
    Optional<SmtpReply> rcptReply = refusal && r.stage().equals("RCPT") ? r.answeredReply() : Optional.empty();
    if (rcptReply.isPresent() && !r.recipient().isEmpty()) {
      emit(new RcptReply(r.at(), r.mta(), Addresses.normalized(r.recipient()),
          Addresses.domainOf(r.recipient()), Optional.of(Addresses.normalized(r.sender())), rcptReply.get(),
          Optional.empty(), ReplySource.RECORD, r.source()));
    }
    if (r.queueId().isPresent() && (r.recipient().isEmpty() || r.wholeMessage())) {
      refuseMessage(r, status);
      return;
    }
    if (r.recipient().isEmpty() || !firstInSession) {
      return; // a refusal of no recipient, or the client repeated the same refused RCPT in this session
    }
    if (r.queueId().isPresent()) {
      MessageState m = message(r.queueId().get(), r);
      Delivery x = recipient(m, r.recipient(), r.at()).delivery(r.recipient(), r.at());
      if (decide(x, status, r)) {
        x.rcptReply = rcptReply.orElse(null);
        x.rcptReplySource = rcptReply.isPresent() ? ReplySource.RECORD : null;
        x.refusedAtRcpt = refusal && r.stage().equals("RCPT");
      }
      return;
    }
    String recipient = Addresses.normalized(r.recipient());
    listener.accept(new RecipientOutcome(r.mta(), Optional.empty(),
        MessageContext.of(Addresses.normalized(r.sender()), r.client()), recipient, Optional.empty(),
        Addresses.domainOf(recipient), status, rcptReply, rcptReply.map(x -> ReplySource.RECORD), r.reply(),
        r.detail(), Optional.empty(), Optional.empty(), false, 0, 0, 0, 0, r.at(), r.at(), List.of(recipient)));
  }

  /**
   * Every recipient of the message the input shows gets the refusal: the one the record names,
   * those known by queue id, and those the receiving session's logged dialogue accepted.
   */
  private void refuseMessage(Rejected r, RecipientStatus status) {
    MessageState m = message(r.queueId().get(), r);
    m.refusedWhole = true;
    messageRejects.put(m.queueId, r);
    Set<String> addresses = new LinkedHashSet<>();
    if (!r.recipient().isEmpty()) {
      addresses.add(r.recipient());
    }
    if (m.sessionState != null) {
      addresses.addAll(m.sessionState.acceptedRecipients());
    }
    for (String address : addresses) {
      recipient(m, address, r.at());
    }
    for (Recipient recipient : m.recipients.values()) {
      if (recipient.deliveries.isEmpty()) {
        recipient.delivery(recipient.address, r.at());
      }
      for (Delivery x : recipient.deliveries.values()) {
        decide(x, status, r);
      }
    }
  }

  /** Sets the refusal on a delivery not decided yet; false when it was. */
  private static boolean decide(Delivery x, RecipientStatus status, Rejected r) {
    if (x.status != null || x.hand != Hand.NONE) {
      return false;
    }
    x.status = status;
    x.finalReply = r.answeredReply().orElse(null);
    x.finalText = r.detail();
    x.lastSeen = r.at();
    return true;
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
      Recipient recipient = recipient(m, address, r.at());
      decide(recipient.delivery(address, r.at()), r.isRefusal() ? RecipientStatus.REJECTED
          : RecipientStatus.DISCARDED, r);
    }
  }

  /**
   * A server session ended. A message it received that was refused whole never reaches the queue
   * manager: it is finished now. When it was the session's only message and the session's end
   * record counts more accepted RCPTs than the log names, the others were refused too, unnamed.
   */
  private void sessionEnded(ServerSession s) {
    if (wantSessions) {
      listener.accept(s);
    }
    OptionalInt accepted = SessionEnded.acceptedRecipients(s.commandStats());
    for (QueueId id : s.messages()) {
      MessageState m = openMessage(id);
      if (m == null || !m.refusedWhole || m.recipientCount >= 0) {
        continue;
      }
      Rejected refusal = messageRejects.get(id);
      if (s.messages().size() == 1 && accepted.isPresent() && refusal != null) {
        int named = 0;
        for (Recipient r : m.recipients.values()) {
          named += r.deliveries.values().stream().anyMatch(d -> d.refusedAtRcpt) ? 0 : 1;
        }
        for (int unnamed = named; unnamed < accepted.getAsInt(); unnamed++) {
          Recipient r = m.recipient(UNNAMED + unnamed, refusal.at());
          decide(r.delivery(r.address, refusal.at()), refusal.isRefusal() ? RecipientStatus.REJECTED
              : RecipientStatus.DISCARDED, refusal);
        }
      }
      messages.remove(id);
      finish(m);
    }
  }

  /** The address of a recipient the log counts but does not name: it has no domain. */
  private static final String UNNAMED = "(unnamed recipient ";

  // ---- finishing and emission ---------------------------------------------------------------------

  /**
   * The message is finished: each of its recipients whose copies have reported is decided (its
   * outcome emitted, or reported to the copy before), and the hand-overs to this message, when it
   * is a copy, are released.
   */
  private void finish(MessageState m) {
    if (m.finished) {
      return;
    }
    m.finished = true;
    finishDepth++;
    List<RecipientOutcome> outer = batch;
    batch = new ArrayList<>();
    if (m.client != null) {
      emittedCopies.add(m.queueId);
    }
    linkToOriginal(m);
    Set<String> domains = wantMessages ? new LinkedHashSet<>() : null;
    for (Recipient r : new ArrayList<>(m.recipients.values())) {
      if (domains != null) {
        domains.add(Addresses.addressedDomain(rootAddress(r), r.address));
      }
      release(r);
    }
    for (Delivery before : m.hopFrom.values()) {
      release(before.recipient);
    }
    for (Delivery before : m.forwardFrom) {
      if (before.fates.isEmpty()) {
        // No copy recipient was decided: still queued when the input ended, or the copy's lines are not in it.
        before.unreported = m.seen && !m.removed ? RecipientStatus.DEFERRED : RecipientStatus.DELIVERED;
      }
      release(before.recipient);
    }
    if (wantMessages) {
      listener.accept(new MessageOutcome(m.mta, m.queueId, m.context(), m.received, Optional.ofNullable(m.copyOf),
          Optional.ofNullable(m.notificationOf), batch, domains,
          m.recipientCount < 0 ? OptionalLong.empty() : OptionalLong.of(m.recipientCount), m.removed, m.expired,
          m.firstSeen, m.lastSeen));
    }
    // Back to the message whose finishing finished this one, if any: its outcome lists its own.
    batch = outer;
    if (--finishDepth == 0) {
      batch.clear(); // outcomes decided outside any message's finish belong to no message outcome
    }
  }

  /**
   * A copy that named its original ({@code orig_queue_id=}) and finishes before the original's hop
   * line: its recipients are linked to the original's now, and the hop line will find them so. A
   * recipient whose hop already failed for the original counts there: the copy saw the same refusal.
   */
  private void linkToOriginal(MessageState copy) {
    MessageState original = copy.copyOf == null || !copy.forwardFrom.isEmpty() ? null : find(copy.copyOf);
    if (original == null || original.finished) {
      return;
    }
    for (Recipient r : copy.recipients.values()) {
      if (r.from != null) {
        continue;
      }
      Recipient before = original.recipients.get(MessageState.key(r.address));
      Delivery x = before == null ? null : before.deliveries.get(MessageState.key(r.address));
      if (x != null && x.hand == Hand.NONE && isFinalFailure(x.status)) {
        r.finalized = true; // the hop failed; this copy's view of the same refusal is no second recipient
        continue;
      }
      if (x == null) {
        x = recipient(original, r.address, r.firstSeen).delivery(r.address, r.firstSeen);
      }
      x.hand = Hand.HOP;
      link(r, x);
    }
  }

  private static boolean isFinalFailure(RecipientStatus status) {
    return status == RecipientStatus.BOUNCED || status == RecipientStatus.EXPIRED || status == RecipientStatus.REJECTED;
  }

  /** One thing the recipient waited for is done; when nothing is left, it is decided. */
  private void release(Recipient r) {
    if (--r.pending > 0 || r.finalized) {
      return;
    }
    r.finalized = true;
    Fate fate = fateOf(r);
    if (fate == null) {
      if (r.from != null) {
        release(r.from.recipient);
      }
      return;
    }
    if (r.from != null) {
      r.from.report(fate);
      release(r.from.recipient);
      return;
    }
    RecipientOutcome outcome = outcome(r, fate);
    batch.add(outcome);
    listener.accept(outcome);
  }

  /** What became of the mail meant for {@code r}, from its deliveries and what their copies reported; null when nothing was decided. */
  private static Fate fateOf(Recipient r) {
    List<Fate> leaves = new ArrayList<>(r.deliveries.size());
    int attempts = 0;
    int deferrals = 0;
    for (Delivery d : r.deliveries.values()) {
      attempts += d.attempts;
      deferrals += d.deferrals;
      switch (d.hand) {
        case NONE -> {
          if (d.status != null) {
            leaves.add(Fate.of(d, d.status));
          }
        }
        case HOP_COUNTED -> {
          // its copy was counted on its own before this line came
        }
        case HOP, FORWARD -> {
          if (d.fates.isEmpty()) {
            leaves.add(Fate.of(d, d.unreported).after(d.hand));
          } else {
            d.fates.forEach(f -> leaves.add(f.after(d.hand)));
          }
        }
      }
    }
    return Fate.combine(leaves, attempts, deferrals, r.firstSeen);
  }

  /** The outcome of recipient {@code r} (addressed as the mail first was), decided by {@code fate}. */
  private static RecipientOutcome outcome(Recipient r, Fate fate) {
    MessageState home = r.message;
    String original = r.address.startsWith(UNNAMED) ? "" : r.address;
    String address = qualified(fate.address(), original);
    Optional<String> orig = Optional.of(Addresses.normalized(original))
        .filter(o -> !o.isEmpty() && !o.equalsIgnoreCase(address));
    List<String> finals = new ArrayList<>(fate.finalAddresses().size());
    for (String f : fate.finalAddresses()) {
      finals.add(qualified(f, original));
    }
    DeliveryAttempt attempt = fate.lastAttempt();
    Optional<Peer> relay = attempt == null ? Optional.empty() : attempt.relayPeer().filter(Peer::isNetworkAddress);
    boolean local = fate.status() == RecipientStatus.DELIVERED && relay.isEmpty();
    Instant first = fate.firstSeen().isBefore(r.firstSeen) ? fate.firstSeen() : r.firstSeen;
    Instant last = fate.lastSeen().isBefore(first) ? first : fate.lastSeen();
    MessageState decided = fate.decided();
    // The home message's context, with the size of the copy that was delivered (headers added on the way).
    MessageContext context = home.context();
    OptionalLong size = decided.ownContext().sizeBytes();
    if (decided != home && size.isPresent()) {
      context = new MessageContext(context.messageId(), context.sender(), context.client(), size, context.arrival(),
          context.tls(), context.session());
    }
    return new RecipientOutcome(decided.mta, Optional.of(decided.queueId), context, address, orig,
        Addresses.addressedDomain(original, address), fate.status(), Optional.ofNullable(fate.rcptReply()),
        Optional.ofNullable(fate.rcptReplySource()), Optional.ofNullable(fate.finalReply()), fate.finalText(),
        Optional.ofNullable(attempt), relay, local, fate.attempts(), fate.deferrals(), fate.hops(), fate.forwards(),
        first, last, finals);
  }

  /**
   * The address as counted: domain lower-cased; a bare local part (Exim's "=&gt; carol
   * &lt;carol@example.com&gt;") takes the domain of the address the mail was sent to; a recipient
   * the log only counts has no address.
   */
  private static String qualified(String address, String original) {
    if (address.startsWith(UNNAMED)) {
      return "";
    }
    String a = address;
    if (a.indexOf('@') < 0 && !a.isEmpty() && a.charAt(0) != '|' && a.charAt(0) != '/') {
      String domain = Addresses.domainOf(original);
      if (!domain.isEmpty()) {
        a = a + "@" + domain;
      }
    }
    return Addresses.normalized(a);
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
      boolean raw = line.mta().rawDialogue();
      SmtpReply answer = reply.command().isPresent() ? reply : reply.answering(SmtpCommand.RCPT);
      emit(new RcptReply(line.at(), line.mta(), Addresses.normalized(path), Addresses.domainOf(path),
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

  private void emit(RcptReply reply) {
    if (wantRcptReplies) {
      listener.accept(reply);
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
