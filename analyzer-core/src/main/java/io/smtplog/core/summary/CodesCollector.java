package io.smtplog.core.summary;

import io.smtplog.core.classify.ReplyClassification;
import io.smtplog.core.classify.ReplyClassifier;
import io.smtplog.core.model.DeliveryAttempt;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.Rejected;
import io.smtplog.core.model.Role;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.report.ReportKeys;
import io.smtplog.core.session.Addresses;
import io.smtplog.core.session.DialogueExchange;
import io.smtplog.core.session.EximRejectCopies;
import io.smtplog.core.session.RecipientOutcome;
import io.smtplog.core.session.SmtpDialogue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts SMTP replies for {@code smtplog report codes}: per reply code and the meaning it has for
 * the command it answered (RFC 5321 section 4.2: 251 to RCPT is not 251 to ETRN), and per enhanced
 * status code (RFC 3463), each with one example text. Two sources are counted apart, because one
 * reply can be logged both ways: replies quoted in the servers' delivery and reject records
 * ({@code in_logs}), and replies seen in SMTP dialogues: transcripts, Postfix debug_peer_list and
 * Exim {@code -d} output ({@code in_transcripts}). Optionally broken down by recipient domain or by
 * the host that gave the reply. Bounded: at most {@link #MAX_KEYS} rows; later new keys are
 * counted under "(other)".
 */
public final class CodesCollector implements SectionCollector {
  /** What each row is broken down by. */
  public enum By {
    NONE, DOMAIN, RELAY
  }

  static final int MAX_KEYS = 20_000;
  private static final String OTHER = "(other)";
  private static final String NO_DOMAIN = "(none)";
  private static final int EXAMPLE_CHARS = 200;

  private final By by;
  private final ReportFilter filter;
  private final Pseudonymizer pseudonyms;
  private final ReplyClassifier classifier = ReplyClassifier.standard();
  // Not dropped before the correlator: it needs the rejectlog copy, whose Envelope-to: lines follow it.
  private final EximRejectCopies rejectCopies = new EximRejectCopies();
  private final Map<String, Row> codes = new HashMap<>();
  private final Map<String, Row> enhanced = new HashMap<>();
  private final QueueSenders senders;

  /** One row: the key's first classified reply (its example) and counts per source. */
  private static final class Row {
    final String group;
    final ReplyClassification example;
    long inLogs;
    long inTranscripts;

    Row(String group, ReplyClassification example) {
      this.group = group;
      this.example = example;
    }
  }

  public CodesCollector(By by, ReportFilter filter, Pseudonymizer pseudonyms) {
    this.by = by;
    this.filter = filter;
    this.pseudonyms = pseudonyms;
    this.senders = new QueueSenders(filter);
  }

  @Override
  public void accept(MailEvent e) {
    senders.accept(e);
    if (e instanceof DeliveryAttempt d && d.reply().isPresent()) {
      String recipient = d.origRecipient().orElse(d.recipient());
      String sender = senders.of(d.queueId());
      if (wanted(recipient, sender)) {
        count(d.reply().get(), true, recipient, d.relayPeer().map(Object::toString).orElse(d.relay()));
      }
    } else if (e instanceof Rejected r && r.reply().isPresent() && rejectCopies.first(r)
        && wanted(r.recipient(), r.sender())) {
      count(r.reply().get(), true, r.recipient(), r.process().host());
    }
  }

  /** With --domain, only replies about a recipient of that domain; with --sender-domain, of that sender. */
  private boolean wanted(String recipient, String sender) {
    boolean domainOk = filter.domain().isEmpty()
        || (!recipient.isEmpty() && filter.domainMatches(Addresses.domainOf(recipient)));
    return domainOk && (filter.senderDomain().isEmpty() || filter.senderDomainMatches(Addresses.domainOf(sender)));
  }

  @Override
  public void recipient(RecipientOutcome outcome) {
    // replies are counted from records and dialogues
  }

  @Override
  public boolean wantsDialogues() {
    return true;
  }

  @Override
  public boolean wantsMessagesAndSessions() {
    return false;
  }

  @Override
  public void dialogue(SmtpDialogue d) {
    String server = d.role() == Role.CLIENT ? d.peer().toString() : d.process().host();
    String sender = null;
    for (DialogueExchange x : d.exchanges()) {
      if (x.reply().isEmpty()) {
        continue;
      }
      Optional<SmtpCommand> command = x.command();
      String argument = x.line().map(Addresses::pathOfCommand).orElse(null);
      if (command.isPresent() && command.get() == SmtpCommand.MAIL) {
        sender = argument;
      }
      String recipient = command.isPresent() && command.get() == SmtpCommand.RCPT && argument != null ? argument : "";
      if (!wanted(recipient, sender)) {
        continue;
      }
      SmtpReply reply = x.reply().get();
      count(command.isPresent() && reply.command().isEmpty() ? reply.answering(command.get()) : reply, false,
          recipient, server);
    }
  }

  private void count(SmtpReply reply, boolean fromLog, String recipient, String server) {
    String group = switch (by) {
      case NONE -> "";
      case DOMAIN -> {
        String domain = Addresses.domainOf(recipient);
        yield domain.isEmpty() ? NO_DOMAIN : pseudonyms.domain(domain);
      }
      case RELAY -> server == null || server.isEmpty() ? NO_DOMAIN : server;
    };
    ReplyClassification c = classifier.classify(reply);
    add(codes, group + '\u0000' + reply.code().value() + '\u0000' + c.tag(), group, c, fromLog);
    if (reply.enhanced().isPresent()) {
      add(enhanced, group + '\u0000' + reply.enhanced().get(), group, c, fromLog);
    }
  }

  private static void add(Map<String, Row> rows, String key, String group, ReplyClassification c, boolean fromLog) {
    Row row = rows.get(key);
    if (row == null) {
      if (rows.size() >= MAX_KEYS) {
        row = rows.computeIfAbsent(OTHER, k -> new Row(OTHER, c));
      } else {
        row = new Row(group, c);
        rows.put(key, row);
      }
    }
    if (fromLog) {
      row.inLogs++;
    } else {
      row.inTranscripts++;
    }
  }

  @Override
  public List<ReportSection> sections(int top) {
    List<String> codeColumns = new ArrayList<>();
    List<String> enhancedColumns = new ArrayList<>();
    if (by != By.NONE) {
      codeColumns.add(groupColumn());
      enhancedColumns.add(groupColumn());
    }
    codeColumns.addAll(List.of(ReportKeys.CODE, ReportKeys.CLASS, ReportKeys.CATEGORY, ReportKeys.TAG,
        ReportKeys.MEANING, ReportKeys.IN_LOGS, ReportKeys.IN_TRANSCRIPTS, ReportKeys.EXAMPLE));
    enhancedColumns.addAll(List.of(ReportKeys.ENHANCED, ReportKeys.CLASS, ReportKeys.SUBJECT, ReportKeys.DETAIL_NAME,
        ReportKeys.IN_LOGS, ReportKeys.IN_TRANSCRIPTS, ReportKeys.EXAMPLE));
    List<List<String>> codeRows = new ArrayList<>();
    for (Row row : sorted(codes, top)) {
      List<String> cells = new ArrayList<>();
      ReplyClassification c = row.example;
      if (by != By.NONE) {
        cells.add(row.group);
      }
      cells.addAll(List.of(Integer.toString(c.reply().code().value()), c.replyClass().displayName(),
          c.category().displayName(), c.tag(), c.meaning(), Long.toString(row.inLogs), Long.toString(row.inTranscripts),
          example(c.reply())));
      codeRows.add(cells);
    }
    List<List<String>> enhancedRows = new ArrayList<>();
    for (Row row : sorted(enhanced, top)) {
      List<String> cells = new ArrayList<>();
      ReplyClassification c = row.example;
      if (by != By.NONE) {
        cells.add(row.group);
      }
      ReplyClassification.EnhancedStatusInfo info = c.enhancedInfo().orElseThrow();
      cells.addAll(List.of(info.status().toString(), info.className(), info.subjectName(), info.detailName(),
          Long.toString(row.inLogs), Long.toString(row.inTranscripts), example(c.reply())));
      enhancedRows.add(cells);
    }
    return List.of(
        new ReportSection(ReportKeys.SECTION_REPLY_CODES, "Replies by code and meaning", codeColumns, codeRows),
        new ReportSection(ReportKeys.SECTION_ENHANCED_CODES, "Replies by enhanced status code (RFC 3463)",
            enhancedColumns, enhancedRows));
  }

  private String groupColumn() {
    return by == By.DOMAIN ? ReportKeys.DOMAIN : ReportKeys.RELAY;
  }

  /** By group, then most replies first (both sources), then by key; at most {@code top} (0 = all). */
  private static List<Row> sorted(Map<String, Row> rows, int top) {
    List<Map.Entry<String, Row>> entries = new ArrayList<>(rows.entrySet());
    entries.sort(Comparator.<Map.Entry<String, Row>, String>comparing(e -> e.getValue().group)
        .thenComparingLong(e -> -(e.getValue().inLogs + e.getValue().inTranscripts))
        .thenComparing(Map.Entry::getKey));
    List<Row> out = new ArrayList<>();
    for (Map.Entry<String, Row> e : entries) {
      if (top > 0 && out.size() >= top) {
        break;
      }
      out.add(e.getValue());
    }
    return out;
  }

  private String example(SmtpReply reply) {
    String text = pseudonyms.text(reply.toWireString());
    return text.length() > EXAMPLE_CHARS ? text.substring(0, EXAMPLE_CHARS) + "..." : text;
  }
}
