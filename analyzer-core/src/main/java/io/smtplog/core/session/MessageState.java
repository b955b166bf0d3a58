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

/** What is known so far of one queued message. Mutable; owned by {@link MailCorrelator}. */
final class MessageState {
  final QueueId queueId;
  final Mta mta;
  final Instant firstSeen;
  /** Recipients by lower-cased address, in the order the input named them. */
  final Map<String, RecipientState> recipients = new LinkedHashMap<>(4);
  Instant lastSeen;
  Peer client;
  String messageId;
  String sender;
  long sizeBytes = -1;
  long recipientCount = -1;
  boolean expired;
  boolean removed;
  /** Entered the queue in this input: over SMTP, by local submission, or an Exim arrival. */
  boolean received;
  /** Received over TLS (Exim's X= on the arrival, or a TLS record of the receiving session). */
  boolean tls;
  Instant arrival;
  SourceRef session;
  /** The server session that received it, while known: its logged dialogue names the recipients. */
  ServerSessions.State sessionState;
  /** A line of this message's own was read (not only a parent naming it). */
  boolean seen;
  /** Looked at since it was inserted or last given a second chance (see MailCorrelator.evictOne). */
  boolean referenced;

  /** The message this one is a copy of (a filter's re-injection, or a forward), when known. */
  QueueId copyOf;
  /** The message this delivery status notification reports on. */
  QueueId notificationOf;
  /** The original's context, for a copy: its real client and arrival, not the filter's. */
  MessageContext originContext;
  /** Recipient states of the previous copy, by lower-cased address: merged into this copy's outcomes. */
  Map<String, RecipientState> inherited = Map.of();
  /** The recipients an alias or .forward sent on as this new message: their fate is this message's. */
  List<RecipientState> forwardOrigins = List.of();

  MessageState(QueueId queueId, Mta mta, Instant firstSeen) {
    this.queueId = queueId;
    this.mta = mta;
    this.firstSeen = firstSeen;
    this.lastSeen = firstSeen;
  }

  static String key(String address) {
    return address.toLowerCase(Locale.ROOT);
  }

  RecipientState recipient(String address, Instant at) {
    String key = key(address);
    RecipientState r = recipients.get(key);
    if (r == null) {
      r = new RecipientState(this, address, at);
      recipients.put(key, r);
    }
    return r;
  }

  void seen(Instant at) {
    if (at.isAfter(lastSeen)) {
      lastSeen = at;
    }
  }

  void inherit(String key, RecipientState previous) {
    if (inherited.isEmpty()) {
      inherited = new HashMap<>(4);
    }
    inherited.putIfAbsent(key, previous);
  }

  void addForwardOrigin(RecipientState origin) {
    if (forwardOrigins.isEmpty()) {
      forwardOrigins = new ArrayList<>(1);
    }
    forwardOrigins.add(origin);
  }

  /** This message's own context. */
  MessageContext ownContext() {
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
    MessageContext own = ownContext();
    if (originContext == null) {
      return own;
    }
    MessageContext o = originContext;
    return new MessageContext(own.messageId().or(o::messageId), own.sender().or(o::sender), o.client(),
        own.sizeBytes().isPresent() ? own.sizeBytes() : o.sizeBytes(), o.arrival(), o.tls(), o.session());
  }

  /** Per recipient: its last attempt and what led to it. */
  static final class RecipientState {
    final MessageState message;
    final String address;
    final Instant firstSeen;
    Instant lastSeen;
    String origRecipient;
    RecipientStatus status;
    DeliveryAttempt lastAttempt;
    SmtpReply rcptReply;
    ReplySource rcptReplySource;
    SmtpReply finalReply;
    String finalText = "";
    int attempts;
    int deferrals;
    /** Its fate is decided by a copy: a content filter's re-injection, or a forward as a new message. */
    boolean handedOver;
    /** The state of the same recipient in the copy before this one (the hop merged into this one). */
    RecipientState previous;

    RecipientState(MessageState message, String address, Instant firstSeen) {
      this.message = message;
      this.address = address;
      this.firstSeen = firstSeen;
      this.lastSeen = firstSeen;
    }
  }
}
