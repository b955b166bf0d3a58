package io.smtplog.core.report;

import static io.smtplog.core.report.ColumnType.COUNT;
import static io.smtplog.core.report.ColumnType.REPLY_CODE;
import static io.smtplog.core.report.ColumnType.TEXT;

import io.smtplog.core.classify.ReplyClassification;
import io.smtplog.core.classify.ReplyClassifier;
import io.smtplog.core.model.Addresses;
import io.smtplog.core.model.Rejected;
import io.smtplog.core.model.Role;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SmtpReply;
import io.smtplog.core.outcome.Attempt;
import io.smtplog.core.outcome.DialogueExchange;
import io.smtplog.core.outcome.Observation;
import io.smtplog.core.outcome.Outcome;
import io.smtplog.core.outcome.RcptReply;
import io.smtplog.core.outcome.ReplySource;
import io.smtplog.core.outcome.SmtpDialogue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts SMTP replies for {@code smtplog report codes}: per reply code and the meaning it has for
 * the command it answered (RFC 5321 section 4.2: 251 to RCPT is not 251 to ETRN), per enhanced
 * status code (RFC 3463), and the replies to RCPT TO on their own, each with one example text. Two
 * sources are counted apart, because one reply can be logged both ways: replies quoted in the
 * servers' delivery and reject records ({@code in_logs}), and replies seen in SMTP dialogues:
 * transcripts, Postfix debug_peer_list and Exim {@code -d} output ({@code in_transcripts}). The
 * RCPT section counts every RCPT reply the inputs show once, whatever became of the recipient.
 * Optionally broken down by recipient domain or by the host that gave the reply. Bounded: at most
 * {@link #MAX_KEYS} rows per section; later new keys are counted under "(other)".
 */
public final class CodesCollector implements ReportCollector {
  /** What each row is broken down by. */
  public enum By {
    NONE, DOMAIN, RELAY
  }

  static final int MAX_KEYS = 20_000;
  private static final String OTHER = "(other)";
  private static final String NO_DOMAIN = "(none)";
  private static final int EXAMPLE_CHARS = 200;

  private final By by;
  private final Pseudonymizer pseudonyms;
  private final ReplyClassifier classifier = ReplyClassifier.standard();
  private final Map<String, Row> codes = new HashMap<>();
  private final Map<String, Row> enhanced = new HashMap<>();
  private final Map<String, Row> rcpt = new HashMap<>();

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

  public CodesCollector(By by, Pseudonymizer pseudonyms) {
    this.by = by;
    this.pseudonyms = pseudonyms;
  }

  /** The tables a counted reply goes to: by code and by enhanced code, or the replies to RCPT TO. */
  public enum Table {
    REPLIES, RCPT
  }

  /**
   * One reply this report counts, as {@link #counted} finds it in an outcome: its table, the reply
   * (with the command it answered when a dialogue shows it), whether a log record quoted it, and
   * what its row is broken down by (the recipient domain, empty when none; the host that gave it).
   * The index keeps these for the report computed from aggregates ({@link CodesAggregates}).
   */
  public record Counted(Table table, SmtpReply reply, boolean fromLog, String domain, String server) {}

  /** The replies {@code outcome} gives this report, in the order they are counted. */
  public static List<Counted> counted(Outcome outcome) {
    if (outcome instanceof Attempt a && a.event().reply().isPresent()) {
      return List.of(new Counted(Table.REPLIES, a.event().reply().get(), true, a.domain(),
          a.event().relayPeer().map(Object::toString).orElse(a.event().relay())));
    } else if (outcome instanceof Observation o && o.event() instanceof Rejected r && r.reply().isPresent()) {
      return List.of(new Counted(Table.REPLIES, r.answeredReply().orElseThrow(), true, o.domain(), r.process().host()));
    } else if (outcome instanceof SmtpDialogue d) {
      return dialogue(d);
    } else if (outcome instanceof RcptReply r) {
      return List.of(new Counted(Table.RCPT, r.reply(), r.source() == ReplySource.RECORD, r.domain(),
          r.server().map(Object::toString).orElseGet(() -> r.line().file())));
    }
    return List.of();
  }

  @Override
  public void accept(Outcome outcome) {
    for (Counted c : counted(outcome)) {
      String group = group(by, pseudonyms, c.domain(), c.server());
      ReplyClassification classified = classifier.classify(c.reply());
      if (c.table() == Table.RCPT) {
        add(rcpt, codeKey(group, classified), group, classified, c.fromLog() ? 1 : 0, c.fromLog() ? 0 : 1);
      } else {
        add(codes, codeKey(group, classified), group, classified, c.fromLog() ? 1 : 0, c.fromLog() ? 0 : 1);
        enhancedKey(group, classified).ifPresent(key ->
            add(enhanced, key, group, classified, c.fromLog() ? 1 : 0, c.fromLog() ? 0 : 1));
      }
    }
  }

  /**
   * Counts a row's replies at once, as {@link #accept} would have one by one: {@code example} is
   * the row's first reply. Rows must come in the order of their first replies (the cap on rows and
   * the "(other)" row depend on it).
   */
  void addRow(Table table, boolean enhancedRow, String key, String group, ReplyClassification example, long inLogs,
      long inTranscripts) {
    add(table == Table.RCPT ? rcpt : enhancedRow ? enhanced : codes, key, group, example, inLogs, inTranscripts);
  }

  /** What rows are broken down by. */
  public By by() {
    return by;
  }

  /** The key of a reply's row by code: its group, code and tag. */
  static String codeKey(String group, ReplyClassification c) {
    return group + '\u0000' + c.reply().code().value() + '\u0000' + c.tag();
  }

  /** The key of a reply's row by enhanced code: its group and enhanced code; none without one. */
  static Optional<String> enhancedKey(String group, ReplyClassification c) {
    return c.reply().enhanced().map(e -> group + '\u0000' + e);
  }

  @Override
  public boolean wantsDialogues() {
    return true;
  }

  private static List<Counted> dialogue(SmtpDialogue d) {
    String server = d.role() == Role.CLIENT ? d.peer().toString() : d.process().host();
    List<Counted> out = new ArrayList<>();
    for (DialogueExchange x : d.exchanges()) {
      if (x.reply().isEmpty()) {
        continue;
      }
      Optional<SmtpCommand> command = x.command();
      String argument = x.line().map(Addresses::pathOfCommand).orElse(null);
      String domain = command.isPresent() && command.get() == SmtpCommand.RCPT && argument != null
          ? Addresses.domainOf(argument) : "";
      SmtpReply reply = x.reply().get();
      out.add(new Counted(Table.REPLIES, command.isPresent() && reply.command().isEmpty()
          ? reply.answering(command.get()) : reply, false, domain, server));
    }
    return out;
  }

  /** The group a reply's row is in, broken down {@code by}: none, its recipient domain, or the host that gave it. */
  static String group(By by, Pseudonymizer pseudonyms, String domain, String server) {
    return switch (by) {
      case NONE -> "";
      case DOMAIN -> domain.isEmpty() ? NO_DOMAIN : pseudonyms.domain(domain);
      case RELAY -> server == null || server.isEmpty() ? NO_DOMAIN : server;
    };
  }

  private static void add(Map<String, Row> rows, String key, String group, ReplyClassification c, long inLogs,
      long inTranscripts) {
    Row row = rows.get(key);
    if (row == null) {
      if (rows.size() >= MAX_KEYS) {
        row = rows.computeIfAbsent(OTHER, k -> new Row(OTHER, c));
      } else {
        row = new Row(group, c);
        rows.put(key, row);
      }
    }
    row.inLogs += inLogs;
    row.inTranscripts += inTranscripts;
  }

  @Override
  public List<Section> sections(int top) {
    List<List<Object>> codeRows = new ArrayList<>();
    for (Row row : sorted(codes, top)) {
      ReplyClassification c = row.example;
      codeRows.add(cells(row, c.reply().code().value(), c.replyClass().displayName(),
          c.category().displayName(), c.tag(), c.meaning(), row.inLogs, row.inTranscripts, example(c.reply())));
    }
    List<List<Object>> enhancedRows = new ArrayList<>();
    for (Row row : sorted(enhanced, top)) {
      ReplyClassification.EnhancedStatusInfo info = row.example.enhancedInfo().orElseThrow();
      enhancedRows.add(cells(row, info.status().toString(), info.className(), info.subjectName(), info.detailName(),
          row.inLogs, row.inTranscripts, example(row.example.reply())));
    }
    List<List<Object>> rcptRows = new ArrayList<>();
    for (Row row : sorted(rcpt, top)) {
      ReplyClassification c = row.example;
      rcptRows.add(cells(row, c.reply().code().value(), c.replyClass().displayName(), c.tag(),
          c.meaning(), row.inLogs, row.inTranscripts, example(c.reply())));
    }
    return List.of(
        // The code and its meaning are what people read; the counts next; the rest is detail a
        // narrow terminal hides first (issue 12).
        new Section(ReportKeys.SECTION_REPLY_CODES, "Replies by code and meaning", columns(
            Column.key(ReportKeys.CODE, REPLY_CODE), Column.of(ReportKeys.CLASS, TEXT, 4),
            Column.of(ReportKeys.CATEGORY, TEXT, 5), Column.of(ReportKeys.TAG, TEXT, 3),
            Column.text(ReportKeys.MEANING, TEXT), Column.of(ReportKeys.IN_LOGS, COUNT, 1),
            Column.of(ReportKeys.IN_TRANSCRIPTS, COUNT, 2).shortened("transcripts"), Column.of(ReportKeys.EXAMPLE, TEXT, 6)), codeRows),
        new Section(ReportKeys.SECTION_ENHANCED_CODES, "Replies by enhanced status code (RFC 3463)", columns(
            Column.key(ReportKeys.ENHANCED, TEXT), Column.of(ReportKeys.CLASS, TEXT, 4),
            Column.of(ReportKeys.SUBJECT, TEXT, 3), Column.text(ReportKeys.DETAIL_NAME, TEXT),
            Column.of(ReportKeys.IN_LOGS, COUNT, 1), Column.of(ReportKeys.IN_TRANSCRIPTS, COUNT, 2).shortened("transcripts"),
            Column.of(ReportKeys.EXAMPLE, TEXT, 5)), enhancedRows),
        new Section(ReportKeys.SECTION_RCPT_REPLIES, "Replies to RCPT TO, whatever became of the recipient", columns(
            Column.key(ReportKeys.CODE, REPLY_CODE), Column.of(ReportKeys.CLASS, TEXT, 4),
            Column.of(ReportKeys.TAG, TEXT, 3), Column.text(ReportKeys.MEANING, TEXT),
            Column.of(ReportKeys.IN_LOGS, COUNT, 1), Column.of(ReportKeys.IN_TRANSCRIPTS, COUNT, 2).shortened("transcripts"),
            Column.of(ReportKeys.EXAMPLE, TEXT, 5)), rcptRows,
            List.of("in_logs: replies quoted by delivery and reject records that name RCPT TO; in_transcripts:"
                + " replies in SMTP dialogues (transcripts, debug_peer_list, Exim -d). Each reply is counted once.")));
  }

  private List<Column> columns(Column... columns) {
    List<Column> out = new ArrayList<>();
    if (by != By.NONE) {
      out.add(Column.key(by == By.DOMAIN ? ReportKeys.DOMAIN : ReportKeys.RELAY, ColumnType.HOST));
    }
    out.addAll(List.of(columns));
    return out;
  }

  private List<Object> cells(Row row, Object... cells) {
    List<Object> out = new ArrayList<>();
    if (by != By.NONE) {
      out.add(row.group);
    }
    out.addAll(List.of(cells));
    return out;
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
