package io.smtplog.core.session;

import io.smtplog.core.model.DeliveryAttempt;
import io.smtplog.core.model.Mta;
import io.smtplog.core.model.QueueId;
import io.smtplog.core.model.SmtpReply;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What is known so far of one queued message. Mutable; owned by {@link MailCorrelator}. */
final class MessageState {
  final QueueId queueId;
  final Mta mta;
  final Map<String, RecipientState> recipients = new LinkedHashMap<>(4);
  QueueId parent;

  MessageState(QueueId queueId, Mta mta) {
    this.queueId = queueId;
    this.mta = mta;
  }

  RecipientState recipient(String address, Instant at) {
    return recipients.computeIfAbsent(address, a -> new RecipientState(a, at));
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
