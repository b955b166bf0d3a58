package io.smtplog.core.session;

import io.smtplog.core.model.DeliveryAttempt;
import io.smtplog.core.model.Mta;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.QueueId;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.model.SourceRef;
import io.smtplog.core.outcome.MessageContext;
import io.smtplog.core.outcome.RecipientStatus;
import io.smtplog.core.outcome.ReplySource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What is known so far of one queued message: its envelope, its addressed recipients and their
 * deliveries, and the copies it is one of. Mutable; owned by {@link MailCorrelator}.
 *
 * <p>A {@link Recipient} is an address as the mail was addressed to it (RCPT TO, Postfix's
 * {@code orig_to=}, Exim's {@code <parent>}). Its {@link Delivery}s are the final addresses it was
 * delivered to within this message (one, or the expansions of an alias). A delivery may hand the
 * mail on to a copy: a content filter's re-injection (a hop) or a new message an alias or .forward
 * made (a forward); the copy's recipients then report their fate back to that delivery.
 */
final class MessageState {
  final QueueId queueId;
  final Mta mta;
  final Instant firstSeen;
  /** Addressed recipients by lower-cased address, in the order the input named them. */
  final Map<String, Recipient> recipients = new LinkedHashMap<>(4);
  /** The recipient asked for last. */
  private Recipient lastRecipient;
  Instant lastSeen;
  Peer client;
  String messageId;
  String sender;
  long sizeBytes = -1;
  long recipientCount = -1;
  boolean expired;
  boolean removed;
  boolean finished;
  /** Entered the queue in this input: over SMTP, by local submission, or an Exim arrival. */
  boolean received;
  /** Received over TLS (Exim's X= on the arrival, or a TLS record of the receiving session). */
  boolean tls;
  /** Refused whole (a content check, a refusal after DATA): it will not reach the queue manager. */
  boolean refusedWhole;
  Instant arrival;
  SourceRef session;
  /** The server session that received it, while known: its logged dialogue names the recipients. */
  ServerSessions.State sessionState;
  /** A line of this message's own was read (not only a parent naming it). */
  boolean seen;
  /** Looked at since it was inserted or last given a second chance (see MailCorrelator.evictOne). */
  boolean referenced;
  /** Removed, and waiting for a hop line that may name it as a copy (see MailCorrelator.removed). */
  boolean inGrace;
  /** Which of its removals the grace time is of. */
  long graceStamp;

  /** The message this one is a copy of (a filter's re-injection, or a forward), when known. */
  QueueId copyOf;
  /** The message this delivery status notification reports on. */
  QueueId notificationOf;
  /** The original's context, for a copy: its real client and arrival, not the filter's. */
  MessageContext originContext;
  // Its contexts as last built, and what they were built from: every attempt and outcome of its
  // recipients carries one, and the fields rarely change after the first lines.
  private MessageContext ownContext;
  private MessageContext context;
  private String builtMessageId;
  private String builtSender;
  private Peer builtClient;
  private long builtSize = -1;
  private Instant builtArrival;
  private boolean builtTls;
  private SourceRef builtSession;
  private MessageContext builtOrigin;
  /** The deliveries of a previous copy that a hop handed to this one, by lower-cased final address. */
  Map<String, Delivery> hopFrom = Map.of();
  /** The deliveries an alias or .forward sent on as this new message: all its recipients are theirs. */
  List<Delivery> forwardFrom = List.of();

  MessageState(QueueId queueId, Mta mta, Instant firstSeen) {
    this.queueId = queueId;
    this.mta = mta;
    this.firstSeen = firstSeen;
    this.lastSeen = firstSeen;
  }

  static String key(String address) {
    return address.toLowerCase(Locale.ROOT);
  }

  /** The recipient addressed as {@code addressed}, created at {@code at} when new. */
  Recipient recipient(String addressed, Instant at) {
    Recipient last = lastRecipient;
    if (last != null && last.address.equals(addressed)) {
      return last; // the same address as the line before (a retry, the next status): no lower-casing
    }
    String key = key(addressed);
    Recipient r = recipients.get(key);
    if (r == null) {
      r = new Recipient(this, addressed, at);
      recipients.put(key, r);
    }
    lastRecipient = r;
    return r;
  }

  void seen(Instant at) {
    if (at.isAfter(lastSeen)) {
      lastSeen = at;
    }
  }

  void addHopFrom(Delivery delivery) {
    if (hopFrom.isEmpty()) {
      hopFrom = new HashMap<>(4);
    }
    hopFrom.putIfAbsent(key(delivery.address), delivery);
  }

  void addForwardFrom(Delivery delivery) {
    if (forwardFrom.isEmpty()) {
      forwardFrom = new ArrayList<>(1);
    }
    forwardFrom.add(delivery);
  }

  /** This message's own context: built again only when something it holds changed. */
  MessageContext ownContext() {
    if (ownContext == null || builtMessageId != messageId || builtSender != sender || builtClient != client
        || builtSize != sizeBytes || builtArrival != arrival || builtTls != tls || builtSession != session) {
      builtMessageId = messageId;
      builtSender = sender;
      builtClient = client;
      builtSize = sizeBytes;
      builtArrival = arrival;
      builtTls = tls;
      builtSession = session;
      ownContext = buildOwnContext();
      context = null;
    }
    return ownContext;
  }

  private MessageContext buildOwnContext() {
    return new MessageContext(Optional.ofNullable(messageId), Optional.ofNullable(sender),
        Optional.ofNullable(client).filter(Peer::isNetworkAddress),
        sizeBytes < 0 ? OptionalLong.empty() : OptionalLong.of(sizeBytes), Optional.ofNullable(arrival), tls,
        Optional.ofNullable(session));
  }

  /**
   * The context its recipients' outcomes carry. A copy's comes from the original where the copy
   * would mislead (the client is the content filter, the arrival the re-injection) and from the
   * copy where it is what was delivered (its size, with the headers added on the way).
   */
  MessageContext context() {
    MessageContext own = ownContext(); // resets the context when its own part changed
    if (originContext == null) {
      return own;
    }
    if (context == null || builtOrigin != originContext) {
      builtOrigin = originContext;
      context = buildContext(own);
    }
    return context;
  }

  private MessageContext buildContext(MessageContext own) {
    MessageContext o = originContext;
    return new MessageContext(own.messageId().or(o::messageId), own.sender().or(o::sender), o.client(),
        own.sizeBytes().isPresent() ? own.sizeBytes() : o.sizeBytes(), o.arrival(), o.tls(), o.session());
  }

  /** How a delivery's mail went on. */
  enum Hand {
    /** It did not: the delivery's own status decides. */
    NONE,
    /** Re-queued by the next hop as a copy in the inputs (a content filter's re-injection). */
    HOP,
    /** Re-queued by the next hop as a copy that was counted already, before the hop's line. */
    HOP_COUNTED,
    /** Sent on as a new message by an alias or .forward. */
    FORWARD
  }

  /** An address as the mail was addressed to it: what reports count, once. */
  static final class Recipient {
    final MessageState message;
    final String address;
    final Instant firstSeen;
    final Map<String, Delivery> deliveries = new LinkedHashMap<>(2);
    /** The delivery asked for last. */
    private Delivery lastDelivery;
    /** The delivery of the copy before this one that this recipient continues, when it is a copy's. */
    Delivery from;
    /** Its home message not finished yet, plus hand-overs whose copies have not reported. */
    int pending = 1;
    boolean finalized;

    Recipient(MessageState message, String address, Instant firstSeen) {
      this.message = message;
      this.address = address;
      this.firstSeen = firstSeen;
    }

    /** The delivery to {@code address}, created when new. */
    Delivery delivery(String address, Instant at) {
      Delivery last = lastDelivery;
      if (last != null && last.address.equals(address)) {
        return last;
      }
      String key = key(address);
      Delivery d = deliveries.get(key);
      if (d == null) {
        d = new Delivery(this, address, at);
        deliveries.put(key, d);
      }
      lastDelivery = d;
      return d;
    }
  }

  /** One final address of a recipient within this message: its attempts and their last status. */
  static final class Delivery {
    final Recipient recipient;
    final String address;
    final Instant firstSeen;
    Instant lastSeen;
    RecipientStatus status;
    DeliveryAttempt lastAttempt;
    SmtpReply rcptReply;
    ReplySource rcptReplySource;
    SmtpReply finalReply;
    String finalText = "";
    int attempts;
    int deferrals;
    /** Refused at RCPT TO: not one of the recipients the server accepted. */
    boolean refusedAtRcpt;
    Hand hand = Hand.NONE;
    /** What the copies it handed the mail to reported, once they finished. */
    List<Fate> fates = List.of();
    /** For a hand-over whose copies reported nothing: the status it stands for. */
    RecipientStatus unreported = RecipientStatus.DELIVERED;

    Delivery(Recipient recipient, String address, Instant firstSeen) {
      this.recipient = recipient;
      this.address = address;
      this.firstSeen = firstSeen;
      this.lastSeen = firstSeen;
    }

    void report(Fate fate) {
      if (fates.isEmpty()) {
        fates = new ArrayList<>(1);
      }
      fates.add(fate);
    }
  }
}
