package io.smtplog.core.session;

import io.smtplog.core.model.CommandLine;
import io.smtplog.core.model.DeliveryAttempt;
import io.smtplog.core.model.DeliveryStatus;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.MessageExpired;
import io.smtplog.core.model.MessageReceived;
import io.smtplog.core.model.MessageRemoved;
import io.smtplog.core.model.NotificationQueued;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.ProcessRef;
import io.smtplog.core.model.QueueId;
import io.smtplog.core.model.Rejected;
import io.smtplog.core.model.ReplyLine;
import io.smtplog.core.model.SessionEnded;
import io.smtplog.core.model.SessionStarted;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.session.MessageState.RecipientState;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Correlates events into one {@link RecipientOutcome} per (message, recipient): the lines of a
 * message by queue id (postfix-log-format reference, section 2.2) until "removed"; deferred
 * recipients of an expired message become expired; a delivery whose reply says "queued as ID"
 * for a message of this log was a hop through a content filter, and only the re-injected copy
 * counts; RCPT-time replies from debug_peer transcripts are attached to the delivery of the same
 * process; rejects at SMTP time are counted once per recipient and server session.
 *
 * <p>Memory is bounded: a message leaves the table when removed, and past {@code maxOpenMessages}
 * the least recently touched message is finished early. Not thread-safe: feed it from one thread,
 * in input order, then call {@link #finish()}.
 */
public final class MailCorrelator implements Consumer<MailEvent> {
  private static final String QUEUED_AS = "queued as ";
  private static final int MAX_SESSIONS = 65_536;

  private final Consumer<RecipientOutcome> outcomes;
  private final int maxOpenMessages;
  private final Map<QueueId, MessageState> messages;
  private final ClientDialogues dialogues = new ClientDialogues();
  private final Map<ProcessRef, Set<String>> rejectedInSession = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<ProcessRef, Set<String>> eldest) {
      return size() > MAX_SESSIONS;
    }
  };
  private long evictedEarly;

  public MailCorrelator(Consumer<RecipientOutcome> outcomes, int maxOpenMessages) {
    if (maxOpenMessages < 1) {
      throw new IllegalArgumentException("maxOpenMessages must be >= 1, was " + maxOpenMessages);
    }
    this.outcomes = outcomes;
    this.maxOpenMessages = maxOpenMessages;
    this.messages = new LinkedHashMap<>(1024, 0.75f, true);
  }

  /** A correlator that keeps at most 100,000 messages open. */
  public MailCorrelator(Consumer<RecipientOutcome> outcomes) {
    this(outcomes, 100_000);
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
      dialogues.reply(r);
    } else if (event instanceof CommandLine c) {
      dialogues.command(c);
    } else if (event instanceof Rejected r) {
      rejected(r);
    } else if (event instanceof MessageExpired e) {
      expired(e);
    } else if (event instanceof MessageReceived r) {
      // Known from arrival on, so that a content filter's "queued as ID" can be recognised.
      MessageState m = message(r.queueId(), r);
      r.origQueueId().ifPresent(orig -> m.parent = orig);
    } else if (event instanceof NotificationQueued n) {
      // The notification's own lines usually follow; link it only if it is already known, so
      // that notifications whose delivery is not in this input do not fill the table.
      MessageState child = messages.get(n.child());
      if (child != null) {
        child.parent = n.parent();
      }
    } else if (event instanceof SessionStarted s) {
      rejectedInSession.remove(s.process());
    } else if (event instanceof SessionEnded s) {
      rejectedInSession.remove(s.process());
    }
    // MessageQueued, MessageIdentified, DaemonMessage: nothing the outcomes need.
  }

  private void removed(MessageRemoved r) {
    MessageState m = messages.remove(r.queueId());
    if (m != null) {
      emit(m);
    }
  }

  private void expired(MessageExpired e) {
    MessageState m = messages.get(e.queueId());
    if (m != null) {
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
      emit(it.next());
      it.remove();
    }
  }

  /** Messages finished early because the open-message table was full. */
  public long evictedEarly() {
    return evictedEarly;
  }

  private MessageState message(QueueId id, MailEvent event) {
    MessageState m = messages.get(id);
    if (m == null) {
      m = new MessageState(id, event.mta());
      messages.put(id, m);
      if (messages.size() > maxOpenMessages) {
        Iterator<MessageState> eldest = messages.values().iterator();
        MessageState old = eldest.next();
        eldest.remove();
        evictedEarly++;
        emit(old);
      }
    }
    return m;
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
    RecipientState r = m.recipient(d.recipient(), d.at());
    r.status = status;
    r.lastSeen = d.at();
    r.lastAttempt = d;
    r.finalReply = d.reply().orElse(null);
    d.origRecipient().ifPresent(o -> r.origRecipient = o);
    if (status == RecipientStatus.DEFERRED) {
      r.deferrals++;
    }
    SmtpReply rcpt = dialogues.claimRcptReply(d.process(), d.recipient());
    if (rcpt != null) {
      r.rcptReply = rcpt;
    }
    if (status == RecipientStatus.DELIVERED) {
      r.reinjected = isReinjection(d);
    }
  }

  /** "250 2.0.0 Ok: queued as 4BxQ..." naming a message of this same log: a content-filter hop. */
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
    if (!r.isRefusal() || r.recipient().isEmpty()) {
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
    Set<String> seen = rejectedInSession.computeIfAbsent(r.process(), p -> new HashSet<>());
    if (seen.size() < 10_000 && !seen.add(r.recipient().toLowerCase(Locale.ROOT))) {
      return; // the client repeated the same refused RCPT in this session
    }
    outcomes.accept(new RecipientOutcome(r.mta(), Optional.empty(), r.recipient(), Addresses.domainOf(r.recipient()),
        Optional.empty(), RecipientStatus.REJECTED, Optional.empty(), r.reply(), Optional.empty(), false, 0,
        Optional.empty(), r.at(), r.at()));
  }

  private void emit(MessageState m) {
    for (RecipientState r : m.recipients.values()) {
      if (r.status == null || r.reinjected) {
        continue;
      }
      DeliveryAttempt last = r.lastAttempt;
      Optional<Peer> relay = last == null ? Optional.empty() : last.relayPeer();
      boolean local = last != null && r.status == RecipientStatus.DELIVERED && isLocalDelivery(last, relay);
      outcomes.accept(new RecipientOutcome(m.mta, Optional.of(m.queueId), r.address, Addresses.domainOf(r.address),
          Optional.ofNullable(r.origRecipient), r.status, Optional.ofNullable(r.rcptReply),
          Optional.ofNullable(r.finalReply), relay.filter(Peer::isNetworkAddress), local, r.deferrals,
          last == null ? Optional.empty() : last.delay(), r.firstSeen, r.lastSeen));
    }
  }

  /** local, virtual and pipe deliver on this host; so does LMTP over a UNIX socket ("host[private/x]"). */
  private static boolean isLocalDelivery(DeliveryAttempt d, Optional<Peer> relay) {
    String program = d.process().program();
    if (program.equals("local") || program.equals("virtual") || program.equals("pipe")) {
      return true;
    }
    return program.equals("lmtp") && relay.isPresent() && !relay.get().isNetworkAddress();
  }
}
