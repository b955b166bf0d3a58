package io.smtplog.core.ingest.exim;

import io.smtplog.core.ingest.LineResult;
import io.smtplog.core.ingest.NoteKind;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.ingest.RecentValues;
import io.smtplog.core.ingest.ReplyTextParser;
import io.smtplog.core.model.DaemonMessage;
import io.smtplog.core.model.DelaySplit;
import io.smtplog.core.model.DeliveryAttempt;
import io.smtplog.core.model.DeliveryStatus;
import io.smtplog.core.model.EnhancedStatus;
import io.smtplog.core.model.MessageArrival;
import io.smtplog.core.model.MessageRemoved;
import io.smtplog.core.model.Mta;
import io.smtplog.core.model.Peer;
import io.smtplog.core.model.ProcessRef;
import io.smtplog.core.model.QueueId;
import io.smtplog.core.model.Rejected;
import io.smtplog.core.model.ReplyCode;
import io.smtplog.core.model.SessionEnded;
import io.smtplog.core.model.SessionScope;
import io.smtplog.core.model.SessionStarted;
import io.smtplog.core.model.Severity;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.model.SourceRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns the text of one Exim main-log or reject-log entry (after the timestamp and pid) into an
 * event (exim-log-format reference sections 4 to 7): arrivals ({@code <=}), deliveries
 * ({@code =>}, {@code ->}, {@code >>}, {@code *>}), deferrals ({@code ==}), failures ({@code **}),
 * {@code Completed}, ACL rejections, connection starts and ends, and the entries that carry nothing
 * the model keeps. Not thread-safe (it reuses a field scanner); one per worker.
 */
final class EximEntryParser {
  private final EximFields fields = new EximFields();
  /** Scans the fields inside a deferral's or failure's text, keeping {@link #fields} intact. */
  private final EximFields textFields = new EximFields();
  /** A host found inside a deferral's text by {@link #failureText}, or null. */
  private Peer textHost;
  /** The ids of recent entries: a message's arrival, deliveries and completion share one. */
  private final RecentValues<QueueId> queueIds = new RecentValues<>(1024);

  LineResult parse(String line, int from, Instant at, ProcessRef process, SourceRef source) {
    int n = line.length();
    if (from >= n || line.isBlank()) {
      return LineResult.known("empty entry"); // a logwrite of an empty string
    }
    int idEnd = EximMessageIds.end(line, from);
    if (idEnd > 0) {
      QueueId id = queueIds.get(line, from, idEnd, QueueId::new);
      return messageEntry(line, Math.min(idEnd + 1, n), id, at, process, source);
    }
    int tokenEnd = EximMessageIds.lenientEnd(line, from);
    if (tokenEnd > 0 && isAnonymisedId(line, from, tokenEnd)) {
      LineResult result = messageEntry(line, Math.min(tokenEnd + 1, n), new QueueId(line.substring(from, tokenEnd)),
          at, process, source);
      return result instanceof LineResult.Parsed parsed
          ? new LineResult.Parsed(parsed.event(), Optional.of(NoteKind.UNUSUAL_MESSAGE_ID)) : result;
    }
    return otherEntry(line, from, Optional.empty(), at, process, source);
  }

  /**
   * An anonymised log's message id ("1tXyzA-000ABC-12XXXX", "notification17"): a token in Exim's
   * three-part layout with other lengths or letters is an id before any entry; any other token of
   * letters and digits only before an entry that is a message's (a delivery or arrival flag,
   * "Completed", a known note such as "Frozen", the client's or a delivery host's fields), since
   * an ACL's logwrite text may start with a word too.
   */
  private static boolean isAnonymisedId(String line, int from, int tokenEnd) {
    if (EximMessageIds.dashes(line, from, tokenEnd) == 2) {
      return true;
    }
    int p = tokenEnd + 1;
    int n = line.length();
    if (p + 2 < n && line.charAt(p + 2) == ' '
        && (flagStatus(line.charAt(p), line.charAt(p + 1)) != null || line.startsWith("<=", p)
            || line.startsWith("(=", p))) {
      return true;
    }
    if (line.startsWith("Completed", p) && (p + 9 == n || line.charAt(p + 9) == ' ')) {
      return true;
    }
    if (line.startsWith("H=", p) || line.startsWith("DS H=", p)) {
      return true; // a reject after DATA, a note about a host of a delivery attempt
    }
    return EximKnownLines.isMessageNote(line, p);
  }

  // ---- entries of a message -------------------------------------------------------------------

  private LineResult messageEntry(String line, int p, QueueId id, Instant at, ProcessRef process, SourceRef source) {
    int n = line.length();
    if (p >= n) {
      return LineResult.known("empty entry");
    }
    if (p + 2 < n && line.charAt(p + 2) == ' ') {
      char a = line.charAt(p);
      char b = line.charAt(p + 1);
      if ((a == '<' || a == '(') && b == '=') {
        return arrival(line, p + 3, id, at, process, source);
      }
      DeliveryStatus status = flagStatus(a, b);
      if (status != null) {
        return delivery(line, p + 3, id, status, at, process, source);
      }
    }
    if (line.startsWith("Completed", p) && (p + 9 == n || line.charAt(p + 9) == ' ')) {
      return new LineResult.Parsed(new MessageRemoved(at, source, Mta.EXIM, process, id));
    }
    return otherEntry(line, p, Optional.of(id), at, process, source);
  }

  /** {@code =>} {@code ->} {@code >>} delivered, {@code *>} fake (-N), {@code **} failed, {@code ==} deferred. */
  private static DeliveryStatus flagStatus(char a, char b) {
    if (a == '=' && b == '>' || a == '-' && b == '>' || a == '>' && b == '>') {
      return DeliveryStatus.SENT;
    }
    if (a == '*' && b == '>') {
      return DeliveryStatus.OTHER; // delivery suppressed by -N: nothing was delivered
    }
    if (a == '*' && b == '*') {
      return DeliveryStatus.BOUNCED;
    }
    if (a == '=' && b == '=') {
      return DeliveryStatus.DEFERRED;
    }
    return null;
  }

  /** {@code <= SENDER fields... [from <s>] [for r1 r2]} (section 6.1; field order from receive.c). */
  private LineResult arrival(String line, int p, QueueId id, Instant at, ProcessRef process, SourceRef source) {
    int senderEnd = addressEnd(line, p);
    String sender = stripBrackets(line.substring(p, senderEnd));
    fields.scan(line, senderEnd);
    List<String> recipients = List.of();
    int rest = fields.restStart();
    int n = line.length();
    if (line.startsWith("from <", rest)) {
      int close = line.indexOf('>', rest);
      rest = close < 0 ? n : Math.min(close + 2, n);
    }
    if (line.startsWith("for ", rest)) {
      recipients = words(line, rest + 4);
    }
    Optional<Peer> client = fields.hasHost() ? Optional.of(fields.host().peer()) : Optional.empty();
    String helo = fields.hasHost() ? fields.host().helo() : "";
    OptionalLong size = number(fields.get("S"));
    Optional<String> messageId = fields.optional("id");
    if (messageId.isEmpty()) {
      messageId = fields.optional("id*");
    }
    // On an arrival R= is the id of the message that caused this bounce (an anonymised one too;
    // routers are named on delivery lines only)
    Optional<QueueId> parent = fields.optional("R").filter(r -> EximMessageIds.lenientEnd(r, 0) == r.length())
        .map(QueueId::new);
    String protocol = fields.get("P");
    return new LineResult.Parsed(new MessageArrival(at, source, Mta.EXIM, process, id, sender, client, helo,
        protocol == null ? "" : protocol, fields.optional("X"), fields.optional("A"), size,
        messageId.map(EximEntryParser::stripBrackets), parent, recipients));
  }

  /**
   * {@code => ADDR [(parent)] [<orig>] fields...} for deliveries (section 6.2); deferrals
   * {@code == ADDR ... defer (ERRNO)[: strerror] [H=...]: MESSAGE} and failures {@code ** ADDR ...
   * : MESSAGE} (sections 6.3, 6.4).
   */
  private LineResult delivery(String line, int p, QueueId id, DeliveryStatus status, Instant at, ProcessRef process,
      SourceRef source) {
    int n = line.length();
    int addrEnd = line.startsWith("|", p) ? pipeEnd(line, p) : addressEnd(line, p);
    if (addrEnd <= p) {
      return LineResult.malformed(source, ProblemKind.TRUNCATED, "Exim delivery entry without an address", line);
    }
    String recipient = line.substring(p, addrEnd);
    if (recipient.equals("blackhole") && line.startsWith(" (", addrEnd) && line.endsWith("ACL discarded recipients)")) {
      // deliver.c: "=> blackhole (RCPT ACL discarded recipients)": one line for all the recipients an
      // ACL "discard" dropped; it names none, and nothing was delivered.
      return LineResult.known("ACL discard");
    }
    Optional<String> original = Optional.empty();
    int i = addrEnd;
    String messageText = null;
    if (recipient.length() > 1 && recipient.endsWith(":") && !recipient.equals(BLACKHOLE)) {
      // "** busy.ivan@example.com: retry timeout exceeded" (retry.c): the address, then the reason
      recipient = recipient.substring(0, recipient.length() - 1);
      messageText = line.substring(Math.min(addrEnd + 1, n));
    }
    while (messageText == null && i + 1 < n && line.charAt(i) == ' '
        && (line.charAt(i + 1) == '<' || line.charAt(i + 1) == '(')) {
      char open = line.charAt(i + 1);
      int close = line.indexOf(open == '<' ? '>' : ')', i + 2);
      if (close < 0) {
        break;
      }
      if (open == '<') {
        original = Optional.of(line.substring(i + 2, close)); // the address as it was sent to us
      } else if (original.isEmpty()) {
        original = Optional.of(line.substring(i + 2, close)); // "(parent)": the nearest parent
      }
      i = close + 1;
      if (i < n && line.charAt(i) == ':') {
        messageText = line.substring(Math.min(i + 2, n)); // "** jim@x <jim@x>: unknown mail domain"
        break;
      }
    }
    if (messageText == null) {
      fields.scan(line, i);
    } else {
      fields.scan("", 0);
    }
    Optional<Peer> peer = fields.hasHost() ? Optional.of(fields.host().peer()) : Optional.empty();
    int rest = fields.restStart();
    if (messageText == null && status != DeliveryStatus.SENT && rest < n) {
      textHost = null;
      messageText = failureText(line, rest);
      if (peer.isEmpty() && textHost != null) {
        peer = Optional.of(textHost);
      }
    }
    String transport = fields.get("T");
    String relay = peer.map(Peer::toString).orElse(transport == null ? "" : transport);
    Optional<SmtpReply> reply;
    String detail;
    if (status == DeliveryStatus.SENT || status == DeliveryStatus.OTHER) {
      String confirmation = fields.get("C");
      reply = EximReplies.confirmation(confirmation);
      detail = confirmation == null ? "" : confirmation;
    } else {
      detail = messageText == null ? "" : messageText;
      if (status == DeliveryStatus.DEFERRED && isRetryNotReached(detail)) {
        // A queue run skipped the address ("routing defer (-52): retry time not reached", -53, -54):
        // no delivery was attempted, so it is no deferral; the address stays deferred.
        return LineResult.known("retry time not reached");
      }
      reply = EximReplies.inMessage(detail);
    }
    Optional<EnhancedStatus> dsn = reply.flatMap(SmtpReply::enhanced);
    Optional<Duration> delay = EximDurations.parse(fields.get("QT"));
    String address = stripBrackets(recipient);
    if (status == DeliveryStatus.SENT && original.isPresent() && (address.equals(BLACKHOLE) || address.equals(DISCARDED))) {
      // "=> :blackhole: <hole@example.com> R=r" (a redirect to :blackhole:) and "=> discarded <x> R=r"
      // (a filter's "seen finish"): the address was thrown away on purpose (exim-log-format section 6.2).
      status = DeliveryStatus.DISCARDED;
      address = original.get();
      original = Optional.empty();
    } else if (status == DeliveryStatus.BOUNCED && detail.contains(RETRY_TIMEOUT)) {
      status = DeliveryStatus.EXPIRED; // retry.c: the address was deferred until its retry rules gave up
    }
    String finalAddress = address;
    return new LineResult.Parsed(new DeliveryAttempt(at, source, Mta.EXIM, process, id, finalAddress,
        original.filter(o -> !o.equalsIgnoreCase(finalAddress)), relay, peer, delay, DelaySplit.NONE, dsn, status, reply,
        detail, reply.flatMap(ReplyTextParser::queuedAs), Optional.empty()));
  }

  private static final String BLACKHOLE = ":blackhole:";
  private static final String DISCARDED = "discarded";
  /** retry.c: the text of a failure whose retry time ran out. */
  private static final String RETRY_TIMEOUT = "retry timeout exceeded";

  private static boolean isRetryNotReached(String detail) {
    return detail.startsWith("retry time not reached") || detail.startsWith("Retry time not yet reached");
  }

  /**
   * The message of a deferral or failure from {@code rest}: skips "defer (ERRNO)", a strerror and
   * a host field in the text (older layouts), up to ": " or " : ". A host it passes is kept in
   * {@link #textHost}.
   */
  private String failureText(String line, int rest) {
    int n = line.length();
    int i = rest;
    int defer = line.indexOf("defer (", i);
    if (defer >= 0 && defer - i <= "routing ".length()) { // "defer (-44)", "routing defer (-52)"
      int close = line.indexOf(')', defer);
      i = close < 0 ? n : close + 1;
    }
    // Fields after "defer (ERRNO)": "H=mx [ip]:port I=[ip]:port DT=0.3s: MESSAGE"
    textFields.scan(line, i);
    if (textFields.hasHost()) {
      textHost = textFields.host().peer();
      i = textFields.restStart();
    } else {
      // Older layout, a strerror first: "defer (dd): Connection timed out H=mx [ip]: SMTP timeout ..."
      int host = line.indexOf(" H=", i);
      int colon = line.indexOf(": ", i);
      EximHost h = new EximHost();
      if (host >= 0 && (colon < 0 || host < colon || line.startsWith(": ", i)) && h.parse(line, host + 3)) {
        textHost = h.peer();
        textFields.scan(line, h.end());
        i = textFields.restStart();
      } else if (line.startsWith("DT=", textFields.restStart()) || textFields.restStart() > i) {
        i = textFields.restStart();
      }
    }
    while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == ':')) {
      i++;
    }
    return line.substring(i, Math.max(i, endBeforeDeliveryTime(line)));
  }

  /**
   * Where the message ends: failure_log() and deferral_log() of deliver.c put {@code DT=} (with
   * +deliver_time) after the message ("... : 550 5.1.1 User unknown DT=0.000s", "defer (111):
   * Connection refused DT=0.000s"), and it is not the remote server's text.
   */
  static int endBeforeDeliveryTime(String line) {
    int dt = line.lastIndexOf(" DT=");
    if (dt < 0 || dt + 4 >= line.length()) {
      return line.length();
    }
    for (int i = dt + 4; i < line.length(); i++) {
      char c = line.charAt(i);
      if (!(Character.isDigit(c) || c == '.' || c == 's' || c == 'm' || c == 'h' || c == 'd' || c == 'w')) {
        return line.length();
      }
    }
    return dt;
  }

  // ---- entries without a flag -----------------------------------------------------------------

  /**
   * Entries that are not arrivals, deliveries or Completed: ACL rejections (section 7), connection
   * lines (section 6.6), queue runs, notes about a message, and daemon diagnostics.
   */
  private LineResult otherEntry(String line, int p, Optional<QueueId> id, Instant at, ProcessRef process,
      SourceRef source) {
    if (line.startsWith("H=", p) || line.startsWith("DS H=", p) || line.startsWith("U=", p)
        || line.startsWith("F=", p) || line.startsWith("I=[", p)) {
      return hostEntry(line, p, id, at, process, source);
    }
    if (id.isPresent() && isHostNote(line, p)) {
      return LineResult.known("delivery host note");
    }
    if (line.startsWith("SMTP connection from ", p)) {
      return connection(line, p + "SMTP connection from ".length(), at, process, source);
    }
    if (line.startsWith("SMTP connection Ci=", p)) {
      int from = line.indexOf(" from ", p);
      if (from > 0) {
        return connection(line, from + 6, at, process, source); // +connection_id: "SMTP connection Ci=ID from H ..."
      }
    }
    int ended = EximKnownLines.sessionEndPhrase(line, p);
    if (ended >= 0) {
      return sessionEnd(line, ended, at, process, source, commandList(line, ended));
    }
    if (line.startsWith("rejected ", p) || line.startsWith("temporarily rejected ", p)) {
      return reject(line, p, id, Optional.empty(), "", "", at, process, source);
    }
    if (id.isPresent() && line.startsWith("PRDR R=<", p)) {
      // smtp_in.c with PRDR: "PRDR R=<r> refusal" / "temporary refusal": one recipient refused after DATA
      int close = line.indexOf('>', p);
      if (close > 0) {
        boolean temporary = line.indexOf("temporary", close) > 0;
        return new LineResult.Parsed(new Rejected(at, source, Mta.EXIM, process, id, temporary ? "defer" : "reject",
            "END-OF-MESSAGE", Optional.empty(), Optional.empty(), line.substring(close + 1).strip(), "",
            line.substring(p + 8, close), "", "", true, false));
      }
    }
    if (line.startsWith("unqualified recipient rejected: ", p) || line.startsWith("unqualified sender rejected: ", p)) {
      // smtp_in.c: "unqualified recipient rejected: <userx> U=CALLER" (no domain, none may be added)
      boolean rcpt = line.charAt(p + 12) == 'r';
      int open = line.indexOf('<', p);
      int close = open < 0 ? -1 : line.indexOf('>', open);
      String address = close < 0 ? "" : line.substring(open + 1, close);
      return new LineResult.Parsed(new Rejected(at, source, Mta.EXIM, process, id, "reject", rcpt ? "RCPT" : "MAIL",
          Optional.empty(), Optional.empty(), line.substring(p, line.indexOf(':', p)), rcpt ? "" : address,
          rcpt ? address : "", "", "", true, false));
    }
    if (line.startsWith(SYNC_ERROR, p)) {
      return protocolReject(line, p, "CONNECT", at, process, source);
    }
    int authFailed = line.indexOf(AUTH_FAILED, p);
    if (authFailed > p && line.indexOf(' ', p) == authFailed) {
      int host = authFailed + AUTH_FAILED.length();
      if (line.startsWith("for ", host)) {
        host += 4; // "NAME authenticator failed for HOST: 535 ..."; 4.93+ writes "failed H=HOST: 535 ..."
      }
      if (line.startsWith("H=", host)) {
        host += 2;
      }
      return authFailure(line, p, host, at, process, source);
    }
    if (id.isEmpty() && (line.startsWith(REFUSED_CONNECTION, p)
        || line.startsWith(CONNECTION_FROM, p) && line.indexOf(" refused", p) > 0)) {
      return connectionRefused(line, p, at, process, source);
    }
    String known = EximKnownLines.kind(line, p, id.isPresent());
    if (known != null) {
      return LineResult.known(known);
    }
    Severity severity = EximKnownLines.diagnostic(line, p);
    if (severity != null) {
      return new LineResult.Parsed(new DaemonMessage(at, source, Mta.EXIM, process, severity, line.substring(p)));
    }
    if (EximKnownLines.looksLikeEvent(line, p)) {
      return LineResult.malformed(source, ProblemKind.UNKNOWN_LINE,
          id.isPresent() ? "unknown Exim message entry" : "unknown Exim entry", line);
    }
    // An ACL's "logwrite" (or a "log_message" of a warn verb without a host) writes any text after
    // the timestamp, with the message id once there is one: free text, not a record of mail. Its
    // first word tells one kind of text from another in the samples.
    int word = p;
    while (word < line.length() && word - p < 24 && line.charAt(word) != ' ' && line.charAt(word) != ':') {
      word++;
    }
    return LineResult.freeText(line.substring(p, word));
  }

  /**
   * Entries that start with the client's fields: {@code H=... [U=] [F=<s>] rejected RCPT <r>: why},
   * {@code temporarily rejected}, {@code sender verify fail for}, {@code Warning: ...},
   * {@code incomplete transaction}, {@code RCPT <r>: discarded by ...}.
   */
  private LineResult hostEntry(String line, int p, Optional<QueueId> id, Instant at, ProcessRef process,
      SourceRef source) {
    fields.scan(line, p);
    int rest = fields.restStart();
    Optional<Peer> client = fields.hasHost() ? Optional.of(fields.host().peer()) : Optional.empty();
    String helo = fields.hasHost() ? fields.host().helo() : "";
    String sender = stripBrackets(nullToEmpty(fields.get("F")));
    if (line.startsWith("rejected ", rest) || line.startsWith("temporarily rejected ", rest)) {
      return reject(line, rest, id, client, helo, sender, at, process, source);
    }
    if (line.startsWith("RCPT ", rest) && line.indexOf(": discarded by ", rest) > 0) {
      int colon = line.indexOf(": discarded by ", rest);
      String recipient = stripBrackets(line.substring(rest + 5, colon));
      return new LineResult.Parsed(new Rejected(at, source, Mta.EXIM, process, id, "discard", "RCPT", client,
          Optional.empty(), line.substring(colon + 2), sender, recipient, nullToEmpty(fields.get("P")), helo, true, false));
    }
    if (line.startsWith("dropped by ", rest)) {
      // the ACL "drop" verb: "H=[ip] dropped by 'connect' ACL: why" (a reject that closes the connection)
      int colon = line.indexOf(": ", rest);
      String stage = line.startsWith("dropped by 'connect'", rest) ? "CONNECT" : "SMTP";
      return new LineResult.Parsed(new Rejected(at, source, Mta.EXIM, process, id, "reject", stage, client,
          Optional.empty(), colon < 0 ? "" : line.substring(colon + 2), sender, "", nullToEmpty(fields.get("P")), helo, true, false));
    }
    if (line.startsWith("Warning: ", rest)) {
      return new LineResult.Parsed(new DaemonMessage(at, source, Mta.EXIM, process, Severity.WARNING,
          line.substring(rest)));
    }
    String known = EximKnownLines.afterHost(line, rest);
    if (known != null) {
      return LineResult.known(known);
    }
    if (id.isPresent() && fields.hasHost()) {
      // transports/smtp.c and deliver.c note each host tried: "H=mx [ip]: Connection refused",
      // "H=mx [ip] Network Error", "H=mx [ip]: Malformed SMTP reply ...": the == or ** entry follows.
      return LineResult.known("delivery host note");
    }
    return LineResult.malformed(source, ProblemKind.UNKNOWN_LINE, "unknown Exim entry after the host fields", line);
  }

  /**
   * {@code [temporarily ]rejected WHAT[: LOG_MESSAGE]} (section 7, smtp_handle_acl_fail()). The
   * text is the ACL's log message, which is its {@code message} unless {@code log_message} is
   * set. When it starts with a reply code ("rejected RCPT &lt;x&gt;: 554 5.7.1 Relay denied",
   * "rejected after DATA: 550 ..."), that is the reply the client got: smtp_message_code() takes a
   * leading code (and enhanced code) of the message as the reply's, and when the code's first
   * digit is wrong for the verb Exim logs the default code in its place (Exim's test 0536: "550
   * Wrong code" for a configured "299 Wrong code"). Without a code the reply was the verb's
   * default code with the configured message, but the logged text may be a separate
   * {@code log_message} (test 0536 logs "A different log message" while the client got "550 Wrong
   * code"), and a message with its own code gives another code: so no reply is taken then, unless
   * the text quotes a remote server's reply (a failed callout).
   */
  private LineResult reject(String line, int p, Optional<QueueId> id, Optional<Peer> client, String helo,
      String sender, Instant at, ProcessRef process, SourceRef source) {
    boolean temporary = line.startsWith("temporarily ", p);
    int what = p + (temporary ? "temporarily rejected ".length() : "rejected ".length());
    int colon = line.indexOf(": ", what);
    String object = line.substring(what, colon < 0 ? line.length() : colon);
    String detail = colon < 0 ? "" : line.substring(colon + 2);
    String stage;
    String recipient = "";
    if (object.startsWith("RCPT ")) {
      stage = "RCPT";
      recipient = stripBrackets(object.substring(5).strip());
    } else if (object.startsWith("MAIL FROM:")) {
      stage = "MAIL"; // size_reject: "rejected MAIL FROM:<s> H=...: message too big"
      int space = object.indexOf(' ', 10);
      sender = stripBrackets(object.substring(10, space < 0 ? object.length() : space).strip());
      if (client.isEmpty() && space > 0 && fieldsFrom(object, space + 1)) {
        client = Optional.of(fields.host().peer());
        helo = fields.host().helo();
      }
    } else if (object.startsWith("MAIL ")) {
      stage = "MAIL";
      sender = stripBrackets(object.substring(5).strip());
    } else if (object.startsWith("connection")) {
      stage = "CONNECT";
    } else if (object.startsWith("EHLO or HELO") || object.startsWith("HELO") || object.startsWith("EHLO")) {
      stage = "HELO";
    } else if (object.startsWith("after DATA") || object.startsWith("during MIME ACL")
        || object.startsWith("(after DATA)") || object.startsWith("by local_scan()")) {
      stage = "END-OF-MESSAGE";
    } else if (object.startsWith("by non-SMTP ACL")) {
      stage = "non-SMTP"; // a local submission (acl_not_smtp): no SMTP command was answered
    } else {
      int space = object.indexOf(' ');
      stage = space < 0 ? object : object.substring(0, space); // DATA, AUTH, VRFY, EXPN, ETRN, STARTTLS...
    }
    Optional<SmtpReply> reply = EximReplies.leading(detail, commandOfStage(stage));
    if (reply.isPresent()) {
      detail = reply.get().text(); // as for Postfix: the reason without its codes, which the reply carries
    } else {
      reply = EximReplies.inMessage(detail);
    }
    // "rejected after DATA" and local_scan refuse the message; PRDR's refusals name one recipient.
    boolean wholeMessage = stage.equals("END-OF-MESSAGE") && recipient.isEmpty();
    return new LineResult.Parsed(new Rejected(at, source, Mta.EXIM, process, id, temporary ? "defer" : "reject", stage,
        client, reply, detail, sender, recipient, nullToEmpty(fields.get("P")), helo, true, wholeMessage));
  }

  private static final String REFUSED_CONNECTION = "refused connection from ";
  private static final String CONNECTION_FROM = "Connection from ";

  /**
   * A connection the daemon refused before any SMTP (daemon.c): {@code Connection from [ip] refused:
   * too many connections from that IP address} (smtp_accept_max_per_host, ...) and {@code refused
   * connection from [ip] (host_reject_connection)}: a refusal at connection time.
   */
  private LineResult connectionRefused(String line, int p, Instant at, ProcessRef process, SourceRef source) {
    int hostAt = line.indexOf('[', p);
    EximHost host = new EximHost();
    Optional<Peer> client = hostAt > 0 && host.parse(line, hostAt) ? Optional.of(host.peer()) : Optional.empty();
    int colon = line.indexOf("refused: ", p);
    int paren = line.lastIndexOf(" (");
    String detail = colon > 0 ? line.substring(colon + "refused: ".length())
        : paren > p && line.endsWith(")") ? line.substring(paren + 2, line.length() - 1) : line.substring(p);
    return new LineResult.Parsed(new Rejected(at, source, Mta.EXIM, process, Optional.empty(), "reject", "CONNECT",
        client, Optional.empty(), detail, "", "", "", "", true, false));
  }

  /** The command an ACL of {@code stage} answered ("RCPT", "END-OF-MESSAGE"...), or null. */
  private static SmtpCommand commandOfStage(String stage) {
    return switch (stage) {
      case "CONNECT" -> SmtpCommand.CONNECT;
      case "END-OF-MESSAGE" -> SmtpCommand.DATA_END;
      default -> SmtpCommand.ofName(stage).orElse(null);
    };
  }

  private static final String SYNC_ERROR = "SMTP protocol synchronization error";
  private static final String AUTH_FAILED = " authenticator failed ";

  /**
   * {@code SMTP protocol synchronization error (input sent without waiting for greeting): rejected
   * connection from H=[ip] input="..."} (smtp_in.c): the client spoke out of turn and was refused.
   */
  private LineResult protocolReject(String line, int p, String stage, Instant at, ProcessRef process,
      SourceRef source) {
    int h = line.indexOf(" H=", p);
    Optional<Peer> client = Optional.empty();
    String helo = "";
    if (h > 0) {
      EximHost host = new EximHost();
      if (host.parse(line, h + 3)) {
        client = Optional.of(host.peer());
        helo = host.helo();
      }
    }
    return new LineResult.Parsed(new Rejected(at, source, Mta.EXIM, process, Optional.empty(), "reject", stage, client,
        Optional.empty(), line.substring(p), "", "", "", helo, true, false));
  }

  /**
   * {@code NAME authenticator failed for HOST: 535 Incorrect authentication data (set_id=user)}
   * (smtp_in.c, the authenticator's log line): a refused AUTH with the reply sent.
   */
  private LineResult authFailure(String line, int p, int hostAt, Instant at, ProcessRef process, SourceRef source) {
    EximHost host = new EximHost();
    boolean named = host.parse(line, hostAt);
    Optional<Peer> client = named ? Optional.of(host.peer()) : Optional.empty();
    int after = named ? host.end() : hostAt;
    int colon = line.indexOf(": ", after); // "...[ip]:port I=[ip]:25: 535 Incorrect authentication data"
    int code = colon >= 0 && ReplyCode.isValid(line, colon + 2) ? colon + 2 : firstReplyCode(line, after);
    String detail = code >= 0 ? line.substring(code) : colon >= 0 ? line.substring(colon + 2) : "";
    Optional<SmtpReply> reply = ReplyTextParser.parseReply(detail, 0, detail.length(), SmtpCommand.AUTH);
    return new LineResult.Parsed(new Rejected(at, source, Mta.EXIM, process, Optional.empty(), "reject", "AUTH", client,
        reply, reply.map(SmtpReply::text).orElse(detail), "", "", "", named ? host.helo() : "", true, false));
  }

  /** The first reply code after {@code from} that stands as a word ("... [ip] 535 Sorry"), or -1. */
  private static int firstReplyCode(String line, int from) {
    for (int i = Math.max(from, 0); i + 3 <= line.length(); i++) {
      if ((i == 0 || line.charAt(i - 1) == ' ') && ReplyCode.isValid(line, i)
          && (i + 3 == line.length() || line.charAt(i + 3) == ' ')) {
        return i;
      }
    }
    return -1;
  }

  private boolean fieldsFrom(String text, int from) {
    fields.scan(text, from);
    return fields.hasHost();
  }

  /** {@code SMTP connection from HOST ... (TCP/IP connection count = N)} or {@code ... closed by QUIT}. */
  private LineResult connection(String line, int p, Instant at, ProcessRef process, SourceRef source) {
    Peer client = peerAt(line, p);
    if (line.endsWith(")") && line.contains("(TCP/IP connection count")) {
      return new LineResult.Parsed(new SessionStarted(at, source, Mta.EXIM, process, client, SessionScope.CLIENT));
    }
    if (line.indexOf(" closed by ", p) > 0 || line.indexOf(" lost", p) > 0 || line.indexOf(" closed after", p) > 0
        || line.indexOf(" dropped", p) > 0 || line.indexOf(" closed", p) > 0) {
      return new LineResult.Parsed(new SessionEnded(at, source, Mta.EXIM, process, client, ""));
    }
    return new LineResult.Parsed(new SessionStarted(at, source, Mta.EXIM, process, client, SessionScope.CLIENT));
  }

  private LineResult sessionEnd(String line, int hostAt, Instant at, ProcessRef process, SourceRef source,
      String commands) {
    return new LineResult.Parsed(new SessionEnded(at, source, Mta.EXIM, process, peerAt(line, hostAt), commands));
  }

  /**
   * A note about one host of a delivery attempt without the {@code H=} tag, as some releases and
   * the TLS code write them: "mx.example.org [203.0.113.5] Network Error", "[127.0.0.1] SSL verify
   * error: ...".
   */
  private static boolean isHostNote(String line, int p) {
    int open = line.charAt(p) == '[' ? p : line.indexOf(" [", p) + 1;
    if (open <= 0 || (open > p && line.lastIndexOf(' ', open - 2) >= p)) {
      return false; // the bracket is not right after the first word
    }
    int close = line.indexOf(']', open);
    return close > open && line.indexOf(' ', open) > close && close + 1 < line.length()
        && (line.charAt(close + 1) == ' ' || line.charAt(close + 1) == ':');
  }

  /** The peer written at {@code p} ("name [ip]:port", "(helo) [ip]", "[ip]"), or a local user's name. */
  private static Peer peerAt(String line, int p) {
    EximHost host = new EximHost();
    if (host.parse(line, p)) {
      return host.peer();
    }
    String who = line.substring(p, EximFields.wordEnd(line, p));
    return new Peer(who.isEmpty() ? EximHost.UNKNOWN : who, "", Peer.NO_PORT);
  }

  /** The {@code C=EHLO,STARTTLS,QUIT} list of a "no MAIL in SMTP connection" entry, or "". */
  private static String commandList(String line, int from) {
    int c = line.indexOf(" C=", from);
    return c < 0 ? "" : line.substring(c + 3, EximFields.wordEnd(line, c + 3));
  }

  // ---- small helpers -------------------------------------------------------------------------

  /** End of an address token: a quoted local part may hold spaces ("\"a b\"@example.com"). */
  static int addressEnd(String line, int from) {
    int n = line.length();
    int i = from;
    if (i < n && line.charAt(i) == '"') {
      int close = line.indexOf('"', i + 1);
      i = close < 0 ? n : close + 1;
    }
    return EximFields.wordEnd(line, i);
  }

  /**
   * The end of a pipe "address" ({@code => |/usr/bin/procmail -d x <x@example.com> R=r T=t}, deliver.c):
   * the command may hold spaces, so it runs up to its parent ({@code <...>}) or the first field.
   */
  static int pipeEnd(String line, int from) {
    int fieldsAt = line.indexOf(" R=", from);
    int end = fieldsAt < 0 ? line.length() : fieldsAt;
    if (end > from && line.charAt(end - 1) == '>') {
      int open = line.lastIndexOf(" <", end);
      if (open > from) {
        return open;
      }
    }
    return end;
  }

  static String stripBrackets(String address) {
    if (address.length() >= 2 && address.charAt(0) == '<' && address.charAt(address.length() - 1) == '>') {
      return address.substring(1, address.length() - 1);
    }
    return address;
  }

  private static List<String> words(String line, int from) {
    List<String> out = new ArrayList<>(2);
    int i = from;
    int n = line.length();
    while (i < n) {
      int end = EximFields.wordEnd(line, i);
      if (end > i) {
        out.add(line.substring(i, end));
      }
      i = end + 1;
    }
    return out;
  }

  private static OptionalLong number(String value) {
    if (value == null || value.isEmpty() || value.length() > 18) {
      return OptionalLong.empty();
    }
    for (int i = 0; i < value.length(); i++) {
      if (!Character.isDigit(value.charAt(i))) {
        return OptionalLong.empty(); // the test suite writes "S=sss"
      }
    }
    return OptionalLong.of(Long.parseLong(value));
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
