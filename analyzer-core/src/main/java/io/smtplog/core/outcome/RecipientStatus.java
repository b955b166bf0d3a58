package io.smtplog.core.outcome;

/**
 * Where a recipient ended up, by the last status the input shows for the last copy of the mail
 * meant for it. Exactly one per recipient, so delivered + deferred + bounced + expired + rejected +
 * discarded = recipients.
 */
public enum RecipientStatus {
  /** The last attempt succeeded: a next hop or a local agent took responsibility. */
  DELIVERED,
  /** The last attempt failed temporarily and the input ends with the mail still queued. */
  DEFERRED,
  /** The last attempt failed permanently. */
  BOUNCED,
  /** The queue gave up after repeated deferrals (Postfix "status=expired", Exim "retry timeout exceeded"). */
  EXPIRED,
  /** Refused at SMTP time, or the whole message refused by a content check. */
  REJECTED,
  /** Accepted and thrown away on purpose (Postfix DISCARD and discard(8), Exim :blackhole:, ACL discard). */
  DISCARDED;

  /**
   * How bad a fate is, for the fate of a recipient forwarded as several copies (the worst copy's):
   * delivered &lt; discarded &lt; deferred &lt; expired &lt; bounced &lt; rejected.
   */
  public int severity() {
    return switch (this) {
      case DELIVERED -> 0;
      case DISCARDED -> 1;
      case DEFERRED -> 2;
      case EXPIRED -> 3;
      case BOUNCED -> 4;
      case REJECTED -> 5;
    };
  }
}
