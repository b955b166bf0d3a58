package io.smtplog.core.session;

import io.smtplog.core.model.DeliveryAttempt;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.outcome.RecipientStatus;
import io.smtplog.core.outcome.ReplySource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What became of the mail meant for one recipient, as far as one message and the copies after it
 * show: the status (delivered when every final address was, otherwise the worst), the delivery
 * that decided it, and the attempts, deferrals, hops and forwards on the way. Immutable.
 *
 * @param decided the message whose delivery decided it (the last copy)
 * @param address the final address of the deciding delivery
 * @param finalAddresses every final address the mail reached, in order
 */
record Fate(RecipientStatus status, MessageState decided, String address, DeliveryAttempt lastAttempt,
    SmtpReply rcptReply, ReplySource rcptReplySource, SmtpReply finalReply, String finalText, int attempts,
    int deferrals, int hops, int forwards, Instant firstSeen, Instant lastSeen, List<String> finalAddresses) {

  Fate {
    finalAddresses = List.copyOf(finalAddresses);
  }

  /** The fate of one delivery by its own status ({@code status}), before any hand-over. */
  static Fate of(MessageState.Delivery d, RecipientStatus status) {
    return new Fate(status, d.recipient.message, d.address, d.lastAttempt, d.rcptReply, d.rcptReplySource,
        d.finalReply, d.finalText, 0, 0, 0, 0, d.firstSeen, d.lastSeen, List.of(d.address));
  }

  /** This fate seen from the delivery that handed the mail on: one hop or one forward more. */
  Fate after(MessageState.Hand hand) {
    return new Fate(status, decided, address, lastAttempt, rcptReply, rcptReplySource, finalReply, finalText, attempts,
        deferrals, hops + (hand == MessageState.Hand.FORWARD ? 0 : 1), forwards + (hand == MessageState.Hand.FORWARD
        ? 1 : 0), firstSeen, lastSeen, finalAddresses);
  }

  /**
   * The fate of a recipient from the fates of its final addresses ({@code leaves}): delivered when
   * all were, otherwise the worst (the last of equals decides); attempts and deferrals add up with
   * {@code ownAttempts} and {@code ownDeferrals} (those of the recipient's own deliveries).
   */
  static Fate combine(List<Fate> leaves, int ownAttempts, int ownDeferrals, Instant firstSeen) {
    if (leaves.size() == 1) { // the common case: one final address
      Fate leaf = leaves.get(0);
      return new Fate(leaf.status, leaf.decided, leaf.address, leaf.lastAttempt, leaf.rcptReply, leaf.rcptReplySource,
          leaf.finalReply, leaf.finalText, ownAttempts + leaf.attempts, ownDeferrals + leaf.deferrals, leaf.hops,
          leaf.forwards, leaf.firstSeen.isBefore(firstSeen) ? leaf.firstSeen : firstSeen,
          leaf.lastSeen.isAfter(firstSeen) ? leaf.lastSeen : firstSeen, leaf.finalAddresses);
    }
    Fate decisive = null;
    int attempts = ownAttempts;
    int deferrals = ownDeferrals;
    int hops = 0;
    int forwards = 0;
    Instant first = firstSeen;
    Instant last = firstSeen;
    Set<String> addresses = new LinkedHashSet<>();
    for (Fate leaf : leaves) {
      if (decisive == null || leaf.status.severity() > decisive.status.severity()
          || leaf.status == decisive.status && !leaf.lastSeen.isBefore(decisive.lastSeen)) {
        decisive = leaf;
      }
      attempts += leaf.attempts;
      deferrals += leaf.deferrals;
      hops = Math.max(hops, leaf.hops);
      forwards = Math.max(forwards, leaf.forwards);
      first = leaf.firstSeen.isBefore(first) ? leaf.firstSeen : first;
      last = leaf.lastSeen.isAfter(last) ? leaf.lastSeen : last;
      addresses.addAll(leaf.finalAddresses);
    }
    if (decisive == null) {
      return null;
    }
    return new Fate(decisive.status, decisive.decided, decisive.address, decisive.lastAttempt, decisive.rcptReply,
        decisive.rcptReplySource, decisive.finalReply, decisive.finalText, attempts, deferrals, hops, forwards, first,
        last, new ArrayList<>(addresses));
  }
}
