package io.smtplog.core.index;

import io.smtplog.core.model.DeliveryAttempt;
import io.smtplog.core.model.EntryContinuation;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.MessageArrival;
import io.smtplog.core.model.MessageExpired;
import io.smtplog.core.model.MessageIdentified;
import io.smtplog.core.model.MessageQueued;
import io.smtplog.core.model.MessageReceived;
import io.smtplog.core.model.MessageRemoved;
import io.smtplog.core.model.NotificationQueued;
import io.smtplog.core.model.QueueId;
import io.smtplog.core.model.Rejected;
import io.smtplog.core.model.SourceRef;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The lines of each story still being told while an index is written: a message's lines by its
 * queue id, a session's by its first line. A story's lines go with its document when its outcome
 * comes ({@link #close}); those still open when a commit is made are what a later ingest reads
 * again to take the story up ({@link LogIndexer}). Not thread-safe.
 */
final class StoryLines {
  private final Map<String, LineRefs> open = new HashMap<>();
  /** The sessions a message's story took part in besides the one that received it (its deliveries' dialogues). */
  private final Map<String, Set<String>> related = new HashMap<>();

  /** A story told: its lines, and the sessions (their first lines) it took part in. */
  record Story(LineRefs lines, Set<String> sessions) {}

  /** The key of the message story of queue id {@code id}. */
  static String message(QueueId id) {
    return "q:" + id.value();
  }

  /** The key of the session story that started at {@code first}. */
  static String session(SourceRef first) {
    return "s:" + first;
  }

  /** The queue id whose story the event is part of, when it is part of a message's. */
  static Optional<QueueId> queueIdOf(MailEvent e) {
    if (e instanceof DeliveryAttempt d) {
      return Optional.of(d.queueId());
    } else if (e instanceof MessageQueued q) {
      return Optional.of(q.queueId());
    } else if (e instanceof MessageIdentified i) {
      return Optional.of(i.queueId());
    } else if (e instanceof MessageReceived r) {
      return Optional.of(r.queueId());
    } else if (e instanceof MessageArrival a) {
      return Optional.of(a.queueId());
    } else if (e instanceof MessageExpired x) {
      return Optional.of(x.queueId());
    } else if (e instanceof MessageRemoved r) {
      return Optional.of(r.queueId());
    } else if (e instanceof NotificationQueued n) {
      return Optional.of(n.parent()); // "ID: sender non-delivery notification: CHILD", on the parent's line
    } else if (e instanceof Rejected r) {
      return r.queueId();
    } else if (e instanceof EntryContinuation c) {
      return c.queueId();
    }
    return Optional.empty();
  }

  void add(String key, long ref) {
    open.computeIfAbsent(key, k -> new LineRefs()).add(ref);
  }

  /** True when the story {@code key} is open with lines. */
  boolean holds(String key) {
    return open.containsKey(key);
  }

  /** The message story {@code key} took part in the session {@code session} (a key of {@link #session}). */
  void relate(String key, String session) {
    related.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(session);
  }

  /** The story is told: its lines and sessions leave the table. Empty when none was seen. */
  Story close(String key) {
    LineRefs refs = open.remove(key);
    Set<String> sessions = related.remove(key);
    Set<String> ids = new LinkedHashSet<>();
    if (sessions != null) {
      for (String s : sessions) {
        ids.add(s.substring(2)); // "s:file:line" -> "file:line"
      }
    }
    return new Story(refs == null ? new LineRefs() : refs, ids);
  }

  /** Forgets the stories {@code stillOpen} says are not open (lines that made no message or session). */
  void retain(Predicate<String> stillOpen) {
    for (Iterator<String> it = open.keySet().iterator(); it.hasNext(); ) {
      if (!stillOpen.test(it.next())) {
        it.remove();
      }
    }
    related.keySet().removeIf(key -> !open.containsKey(key));
  }

  /** Every line of every open story, sorted. */
  long[] allLines() {
    LineRefs all = new LineRefs();
    open.values().forEach(all::addAll);
    return all.sorted();
  }

  int size() {
    return open.size();
  }

  /** The keys of the open stories. */
  Set<String> keys() {
    return new java.util.TreeSet<>(open.keySet());
  }
}
