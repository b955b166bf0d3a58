package io.smtplog.core.session;

/**
 * Where a recipient ended up, by its last status in the input. Exactly one per recipient, so
 * delivered + deferred + bounced + expired + rejected = recipients.
 */
public enum RecipientStatus {
  /** The last attempt succeeded (Postfix status=sent). */
  DELIVERED,
  /** The last attempt failed temporarily and the input ends with the message still queued. */
  DEFERRED,
  /** The last attempt failed permanently. */
  BOUNCED,
  /** The queue gave up after repeated deferrals (Postfix "status=expired, returned to sender"). */
  EXPIRED,
  /** Refused at SMTP time by this server (Postfix "reject:" records). */
  REJECTED
}
