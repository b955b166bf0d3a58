package io.smtplog.core.session;

import io.smtplog.core.model.DeliveryAttempt;
import io.smtplog.core.model.Mta;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.QueueId;
import io.smtplog.core.model.SmtpReply;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What is known so far of one queued message. Mutable; owned by {@link MailCorrelator}. */
final class MessageState {
  final QueueId queueId;
  final Mta mta;
  final Instant firstSeen;
  final Map<String, RecipientState> recipients = new LinkedHashMap<>(4);
  Instant lastSeen;
  QueueId parent;
  Peer client;
  String messageId;
  String sender;
  long sizeBytes = -1;
  long recipientCount = -1;
  boolean expired;
  /** Entered the queue in this input: over SMTP, by local submission, or an Exim arrival. */
  boolean received;
  /** Received over TLS (Exim's X= on the arrival). */
  boolean tls;
  /** Looked at since it was inserted or last given a second chance (see MailCorrelator.evictOne). */
  boolean referenced;

  MessageState(QueueId queueId, Mta mta, Instant firstSeen) {
    this.queueId = queueId;
    this.mta = mta;
    this.firstSeen = firstSeen;
    this.lastSeen = firstSeen;
  }

  RecipientState recipient(String address, Instant at) {
    RecipientState r = recipients.get(address);
    if (r == null) {
      r = new RecipientState(address, at);
      recipients.put(address, r);
    }
    return r;
  }

  void seen(Instant at) {
    if (at.isAfter(lastSeen)) {
      lastSeen = at;
    }
  }

  /** Per recipient: the last attempt and what led to it. */
  static final class RecipientState {
    final String address;
    final Instant firstSeen;
    Instant lastSeen;
    String origRecipient;
    RecipientStatus status;
    DeliveryAttempt lastAttempt;
    SmtpReply rcptReply;
    SmtpReply finalReply;
    int deferrals;
    /** Handed to a content filter that re-injected it under a new queue id: not a final delivery. */
    boolean reinjected;

    RecipientState(String address, Instant firstSeen) {
      this.address = address;
      this.firstSeen = firstSeen;
      this.lastSeen = firstSeen;
    }
  }
}
