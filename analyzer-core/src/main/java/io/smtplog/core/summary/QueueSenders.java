package io.smtplog.core.summary;

import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.MessageArrival;
import io.smtplog.core.model.MessageQueued;
import io.smtplog.core.model.QueueId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The envelope sender of recent messages, by queue id, for {@code --sender-domain} on records that
 * do not name it (delivery attempts): Postfix's qmgr "from=&lt;s&gt;" and Exim's "&lt;=" lines tell
 * it. Remembers only when the filter has a sender domain; bounded to the {@value #MAX} messages seen
 * last. Not thread-safe.
 */
final class QueueSenders {
  static final int MAX = 100_000;

  private final boolean active;
  private final Map<QueueId, String> senders = new LinkedHashMap<>(1024, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<QueueId, String> eldest) {
      return size() > MAX;
    }
  };

  QueueSenders(ReportFilter filter) {
    this.active = filter.senderDomain().isPresent();
  }

  /** Remembers the sender an event names. */
  void accept(MailEvent e) {
    if (!active) {
      return;
    }
    if (e instanceof MessageQueued q) {
      senders.put(q.queueId(), q.sender());
    } else if (e instanceof MessageArrival a) {
      senders.put(a.queueId(), a.sender());
    }
  }

  /** The sender of the message, or null when it is not known (or no sender filter asked for it). */
  String of(QueueId queueId) {
    return active ? senders.get(queueId) : null;
  }
}
