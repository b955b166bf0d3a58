package io.smtplog.core.model;

/**
 * Outcome of one delivery attempt of one recipient, as logged in Postfix's {@code status=} field
 * (global/sent.c, defer.c, bounce.c, verify.c) and Exim's delivery flags.
 */
public enum DeliveryStatus {
  /** Delivered or relayed: the next hop or the local agent took responsibility. */
  SENT,
  /** Temporary failure; the message stays queued. Postfix SOFTBOUNCE counts here too. */
  DEFERRED,
  /** Permanent failure; a non-delivery notification follows. */
  BOUNCED,
  /**
   * The queue gave up on a deferred address after its lifetime or retry rules ran out (Exim's
   * "** addr: retry timeout exceeded", retry.c); Postfix says so per message ({@link MessageExpired}).
   */
  EXPIRED,
  /**
   * Accepted and thrown away on purpose: Postfix's discard(8) transport, Exim's {@code :blackhole:}
   * router and "discarded" redirects. Nothing was delivered, and nothing failed.
   */
  DISCARDED,
  /** Address verification probe result (deliverable/undeliverable): not a delivery at all. */
  VERIFICATION,
  /** Any other status word (sendmail -bv tracing and the like). */
  OTHER;

  /** Maps the Postfix status word {@code text[from, to)} without copying it; never throws. */
  public static DeliveryStatus ofPostfix(String text, int from, int to) {
    int length = to - from;
    if (length == 4 && text.startsWith("sent", from)) {
      return SENT;
    }
    if (length == 8 && text.startsWith("deferred", from)) {
      return DEFERRED;
    }
    if (length == 7 && text.startsWith("bounced", from)) {
      return BOUNCED;
    }
    return ofPostfix(text.substring(from, to));
  }

  /** Maps a Postfix status word; never throws. */
  public static DeliveryStatus ofPostfix(String word) {
    return switch (word) {
      case "sent" -> SENT;
      case "deferred", "SOFTBOUNCE" -> DEFERRED;
      case "bounced" -> BOUNCED;
      case "deliverable", "undeliverable", "undeliverable-but-not-cached" -> VERIFICATION;
      default -> OTHER;
    };
  }
}
