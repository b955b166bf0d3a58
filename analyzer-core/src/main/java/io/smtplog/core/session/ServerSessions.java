package io.smtplog.core.session;

import io.smtplog.core.model.Mta;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.ProcessRef;
import io.smtplog.core.model.QueueId;
import io.smtplog.core.model.Rejected;
import io.smtplog.core.model.SessionEnded;
import io.smtplog.core.model.SessionStarted;
import io.smtplog.core.model.SourceRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Open SMTP server sessions, by process (postfix-log-format reference, section 2.2: one smtpd
 * process between "connect from" and "disconnect from"; a process serves many sessions in turn).
 * Exim's daemon logs "SMTP connection from H [ip]:port" under its own pid and forks a process that
 * logs the rest (exim-log-format reference, section 6.6), so an Exim session whose client has a
 * port (+incoming_port) is keyed by that address and port, and the process that names the same
 * client later (an arrival, a reject, the end) is attached to it. Bounded: at most
 * {@value #MAX_SESSIONS} open at once, the least recently active dropped first. Not thread-safe.
 */
final class ServerSessions {
  static final int MAX_SESSIONS = 65_536;
  private static final int MAX_PER_SESSION = 10_000;

  private final Consumer<ServerSession> ended;
  private final boolean report;
  /** Sessions by ProcessRef, or by ClientKey for Exim clients with a port. */
  private final Map<Object, State> open = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Object, State> eldest) {
      return size() > MAX_SESSIONS;
    }
  };
  /** Exim processes serving a session opened by the daemon, to the session's ClientKey. */
  private final Map<ProcessRef, ClientKey> children = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<ProcessRef, ClientKey> eldest) {
      return size() > MAX_SESSIONS;
    }
  };

  /** An Exim connection: the client's address and port. */
  private record ClientKey(String address, int port) {}

  private static Object keyOf(Mta mta, ProcessRef process, Peer client) {
    return mta == Mta.EXIM && client.port() > 0 ? new ClientKey(client.address(), client.port()) : process;
  }

  /** Remembers that an Exim process names the client of an open session: it serves that session. */
  private void attach(Mta mta, ProcessRef process, Optional<Peer> client) {
    if (mta != Mta.EXIM || client.isEmpty() || client.get().port() <= 0) {
      return;
    }
    Object key = keyOf(mta, process, client.get());
    if (open.containsKey(key)) {
      children.put(process, (ClientKey) key);
    }
  }

  private State stateOf(ProcessRef process) {
    State state = open.get(process);
    if (state == null) {
      ClientKey key = children.get(process);
      state = key == null ? null : open.get(key);
    }
    return state;
  }

  private static final class State {
    final Mta mta;
    final ProcessRef process;
    final Peer client;
    final Instant start;
    final SourceRef first;
    List<QueueId> messages = List.of();
    Set<String> refusedRecipients = Set.of();
    int refusals;

    State(Mta mta, ProcessRef process, Peer client, Instant start, SourceRef first) {
      this.mta = mta;
      this.process = process;
      this.client = client;
      this.first = first;
      this.start = start;
    }
  }

  /** @param report false to track sessions only for counting refusals once, building no records */
  ServerSessions(Consumer<ServerSession> ended, boolean report) {
    this.ended = ended;
    this.report = report;
  }

  void started(SessionStarted s) {
    Object key = keyOf(s.mta(), s.process(), s.client());
    if (key instanceof ProcessRef && s.process().pid() < 0) {
      return; // without a process id or a client port (Exim without +pid) sessions cannot be told apart
    }
    State previous = open.put(key, new State(s.mta(), s.process(), s.client(), s.at(), s.source()));
    if (previous != null) {
      end(previous, Optional.empty(), ""); // its disconnect record is missing
    }
  }

  void ended(SessionEnded s) {
    Object key = keyOf(s.mta(), s.process(), s.client());
    State state = open.remove(key);
    if (state == null && key instanceof ClientKey) {
      state = open.remove(s.process());
    }
    children.remove(s.process());
    if (state != null) {
      end(state, Optional.of(s.at()), s.commandStats());
    }
  }

  void received(Mta mta, ProcessRef process, Optional<Peer> client, QueueId queueId) {
    if (!report) {
      return;
    }
    attach(mta, process, client);
    State state = stateOf(process);
    if (state != null && state.messages.size() < MAX_PER_SESSION) {
      if (state.messages.isEmpty()) {
        state.messages = new ArrayList<>(2); // most sessions send one message or none
      }
      state.messages.add(queueId);
    }
  }

  /**
   * Counts a refusal; returns false when this session already refused the same recipient (the
   * client repeated a refused RCPT), true otherwise, including when no session is known.
   */
  boolean refused(Rejected r) {
    attach(r.mta(), r.process(), r.client());
    State state = stateOf(r.process());
    if (state == null) {
      return true;
    }
    state.refusals++;
    if (r.recipient().isEmpty() || state.refusedRecipients.size() >= MAX_PER_SESSION) {
      return true;
    }
    if (state.refusedRecipients.isEmpty()) {
      state.refusedRecipients = new HashSet<>(); // allocated only for sessions that are refused
    }
    return state.refusedRecipients.add(r.recipient().toLowerCase(Locale.ROOT));
  }

  /** The first line of the open session of {@code process}, or null. */
  SourceRef current(ProcessRef process) {
    State state = stateOf(process);
    return state == null ? null : state.first;
  }

  /** Ends every open session: the input ended before their disconnect. */
  void finish() {
    for (Iterator<State> it = open.values().iterator(); it.hasNext(); ) {
      end(it.next(), Optional.empty(), "");
      it.remove();
    }
    children.clear();
  }

  private void end(State s, Optional<Instant> end, String commandStats) {
    if (!report) {
      return;
    }
    ended.accept(new ServerSession(s.mta, s.process, s.client, s.start, end, commandStats, s.messages, s.refusals));
  }
}
