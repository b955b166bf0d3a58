package io.smtplog.core.session;

import io.smtplog.core.model.Peer;
import io.smtplog.core.model.ProcessRef;
import io.smtplog.core.model.QueueId;
import io.smtplog.core.model.Rejected;
import io.smtplog.core.model.SessionEnded;
import io.smtplog.core.model.SessionScope;
import io.smtplog.core.model.SessionStarted;
import io.smtplog.core.model.SourceRef;
import io.smtplog.core.outcome.ServerSession;
import java.time.Instant;
import java.util.ArrayDeque;
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
 * Open SMTP server sessions. A session of {@link SessionScope#PROCESS} is its process's until the
 * process logs its end or starts the next one (postfix-log-format reference, section 2.2). A
 * session of {@link SessionScope#CLIENT} is known by the client's address and port (Exim's daemon
 * logs the connection and a forked process the rest, exim-log-format section 6.6): a process that
 * names the client of such a session later (an arrival, a reject) is taken to serve it. Without a
 * port, concurrent connections from one address cannot be told apart: they are kept in order,
 * ended first in, first out, and their refusals are never merged. Bounded: at most
 * {@value #MAX_SESSIONS} open at once; the least recently active is ended (without an end time)
 * first. Not thread-safe.
 */
final class ServerSessions {
  static final int MAX_SESSIONS = 65_536;
  private static final int MAX_PER_SESSION = 10_000;

  private final Consumer<ServerSession> ended;

  /** Open sessions by the process that serves them (its own, or one that named its client). */
  private final Map<ProcessRef, State> byProcess = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<ProcessRef, State> eldest) {
      if (size() <= MAX_SESSIONS) {
        return false;
      }
      end(eldest.getValue(), Optional.empty(), "");
      return true;
    }
  };

  /** Open client-scoped sessions by client endpoint, oldest first. */
  private final Map<Endpoint, ArrayDeque<State>> byClient = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Endpoint, ArrayDeque<State>> eldest) {
      if (size() <= MAX_SESSIONS) {
        return false;
      }
      eldest.getValue().forEach(s -> end(s, Optional.empty(), ""));
      return true;
    }
  };

  /** A client endpoint on one server host; {@code port} is {@link Peer#NO_PORT} when not logged. */
  private record Endpoint(String host, String address, int port) {
    static Endpoint of(ProcessRef process, Peer client) {
      return new Endpoint(process.host(), client.address(), client.port());
    }

    boolean exact() {
      return port > 0;
    }
  }

  /** One open session. */
  static final class State {
    final SessionStarted start;
    final Endpoint endpoint;
    List<QueueId> messages = List.of();
    Set<String> refusedRecipients = Set.of();
    /** RCPT TO addresses the server accepted in the current transaction, when its dialogue is logged. */
    List<String> acceptedRecipients = List.of();
    int refusals;
    boolean tls;
    boolean ended;

    State(SessionStarted start, Endpoint endpoint) {
      this.start = start;
      this.endpoint = endpoint;
    }

    SourceRef first() {
      return start.source();
    }

    boolean tls() {
      return tls;
    }

    List<String> acceptedRecipients() {
      return acceptedRecipients;
    }
  }

  ServerSessions(Consumer<ServerSession> ended) {
    this.ended = ended;
  }

  void started(SessionStarted s) {
    boolean byItsProcess = s.scope() == SessionScope.PROCESS && s.process().pid() >= 0;
    Endpoint endpoint = Endpoint.of(s.process(), s.client());
    State state = new State(s, endpoint);
    if (byItsProcess) {
      State previous = byProcess.put(s.process(), state);
      if (previous != null && !previous.ended) {
        end(previous, Optional.empty(), ""); // its end record is missing
      }
      return;
    }
    ArrayDeque<State> open = byClient.computeIfAbsent(endpoint, e -> new ArrayDeque<>(1));
    if (endpoint.exact()) {
      open.forEach(previous -> end(previous, Optional.empty(), "")); // the same port again: the last one ended unseen
      open.clear();
    }
    open.addLast(state);
  }

  void ended(SessionEnded s) {
    State state = byProcess.get(s.process());
    if (state != null && !state.ended && sameClient(state, s.client())) {
      byProcess.remove(s.process());
      forget(state);
    } else {
      state = oldestOf(Endpoint.of(s.process(), s.client()));
    }
    if (state != null) {
      end(state, Optional.of(s.at()), s.commandStats());
    }
  }

  private static boolean sameClient(State state, Peer client) {
    return client.address().isEmpty() || state.endpoint.address().equals(client.address());
  }

  /**
   * The session {@code process} serves, or the one of {@code client}: then the process is taken to
   * serve it from now on when the client's session is the only one it can be.
   */
  State sessionOf(ProcessRef process, Optional<Peer> client) {
    State state = byProcess.get(process);
    if (state != null && !state.ended) {
      return state;
    }
    if (client.isEmpty()) {
      return null;
    }
    ArrayDeque<State> open = byClient.get(Endpoint.of(process, client.get()));
    if (open != null) {
      open.removeIf(st -> st.ended); // ended while the table was full
    }
    if (open == null || open.isEmpty()) {
      return null;
    }
    State newest = open.peekLast();
    if (open.size() == 1 && process.pid() >= 0) {
      byProcess.put(process, newest); // the only session it can be: the process serves it
    }
    return newest;
  }

  /** A message the session received; returns the session, or null when none is known. */
  State received(ProcessRef process, Optional<Peer> client, QueueId queueId) {
    State state = sessionOf(process, client);
    if (state != null && state.messages.size() < MAX_PER_SESSION) {
      if (state.messages.isEmpty()) {
        state.messages = new ArrayList<>(2); // most sessions send one message or none
      }
      state.messages.add(queueId);
    }
    return state;
  }

  /** The server's TLS record for a client: the session is encrypted. */
  void tls(ProcessRef process, Peer client) {
    State state = sessionOf(process, Optional.of(client));
    if (state != null) {
      state.tls = true;
    }
  }

  /**
   * Counts a refusal; returns false when this session already refused the same recipient (the
   * client repeated a refused RCPT). Where the session cannot be told from another of the same
   * client (no process id, no port), every refusal counts: two connections are never merged.
   */
  boolean refused(Rejected r) {
    State state = sessionOf(r.process(), r.client());
    if (state == null) {
      return true;
    }
    state.refusals++;
    boolean certain = byProcess.get(r.process()) == state || r.client().isPresent() && r.client().get().port() > 0;
    if (!certain || r.recipient().isEmpty() || state.refusedRecipients.size() >= MAX_PER_SESSION) {
      return true;
    }
    if (state.refusedRecipients.isEmpty()) {
      state.refusedRecipients = new HashSet<>(); // allocated only for sessions that are refused
    }
    return state.refusedRecipients.add(r.recipient().toLowerCase(Locale.ROOT));
  }

  /** The server's dialogue shows a new transaction: its accepted recipients start again. */
  void transactionStarted(ProcessRef process) {
    State state = sessionOf(process, Optional.empty());
    if (state != null && !state.acceptedRecipients.isEmpty()) {
      state.acceptedRecipients = List.of();
    }
  }

  /** The server's dialogue shows a RCPT TO it accepted. */
  void recipientAccepted(ProcessRef process, String address) {
    State state = sessionOf(process, Optional.empty());
    if (state == null || state.acceptedRecipients.size() >= MAX_PER_SESSION) {
      return;
    }
    if (state.acceptedRecipients.isEmpty()) {
      state.acceptedRecipients = new ArrayList<>(4);
    }
    state.acceptedRecipients.add(address);
  }

  /** The first lines of the sessions still open. */
  void openFirsts(java.util.Set<SourceRef> out) {
    for (State s : byProcess.values()) {
      if (!s.ended) {
        out.add(s.first());
      }
    }
    for (ArrayDeque<State> states : byClient.values()) {
      for (State s : states) {
        if (!s.ended) {
          out.add(s.first());
        }
      }
    }
  }

  /** The first line of the open session of {@code process}, or null. */
  SourceRef current(ProcessRef process) {
    State state = byProcess.get(process);
    return state == null || state.ended ? null : state.first();
  }

  /** Ends every open session: the input ended before their end record. */
  void finish() {
    for (Iterator<State> it = byProcess.values().iterator(); it.hasNext(); ) {
      end(it.next(), Optional.empty(), "");
      it.remove();
    }
    for (ArrayDeque<State> open : byClient.values()) {
      open.forEach(s -> end(s, Optional.empty(), ""));
    }
    byClient.clear();
  }

  /** Removes an ended session from the client index. */
  private void forget(State state) {
    ArrayDeque<State> open = byClient.get(state.endpoint);
    if (open != null && open.remove(state) && open.isEmpty()) {
      byClient.remove(state.endpoint);
    }
  }

  private State oldestOf(Endpoint endpoint) {
    ArrayDeque<State> open = byClient.get(endpoint);
    if (open == null) {
      return null;
    }
    State oldest;
    do {
      oldest = open.pollFirst();
    } while (oldest != null && oldest.ended);
    if (open.isEmpty()) {
      byClient.remove(endpoint);
    }
    return oldest;
  }

  private void end(State s, Optional<Instant> end, String commandStats) {
    if (s.ended) {
      return;
    }
    s.ended = true;
    SessionStarted start = s.start;
    ended.accept(new ServerSession(start.mta(), start.process(), start.client(), start.source(), start.at(), end,
        commandStats, s.messages, s.refusals, s.tls));
  }
}
