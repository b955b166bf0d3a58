package io.smtplog.core.report;

import io.smtplog.core.classify.ReplyClassification;
import io.smtplog.core.classify.ReplyClassifier;
import io.smtplog.core.index.IndexFields;
import io.smtplog.core.index.agg.AggResult;
import io.smtplog.core.index.agg.Aggregations;
import io.smtplog.core.index.agg.Metric;
import io.smtplog.core.model.EnhancedStatus;
import io.smtplog.core.model.ReplyCode;
import io.smtplog.core.model.SmtpCommand;
import io.smtplog.core.model.SmtpReply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The codes report from aggregates over the index documents instead of the outcomes replayed
 * ({@link CodesCollector}). Each reply the collector counts ({@link CodesCollector#counted}) is a
 * document at ingest: an {@code rcpt_reply} for the RCPT table, a {@code reply} for the others, with
 * its row in each breakdown ({@link #rows}), the reply itself ({@link #example}) and its place in
 * the outcome stream ({@link IndexFields#REPLY_ORDER}). Three requests, one per table, group those
 * documents by row; per bucket the count, the least order and the reply of the least order
 * ({@link Metric.First}). The buckets are then counted into the collector's rows in the order of
 * their first replies, so its cap on rows ({@link CodesCollector#MAX_KEYS}, later rows counted
 * under "(other)"), ranking and formatting are the collector's own.
 *
 * <p>Bounded by rows, not replies: the response holds one bucket per row and source (log record or
 * dialogue). Past {@link CodesCollector#MAX_KEYS} rows it holds every row the aggregates find, which
 * the collector then folds into "(other)" as the replay does.
 *
 * <p>A row's example is the replay's as long as the replies' order ({@code LogIndexer.replyOrder}:
 * inputs in the order they were first read, then lines) is the order the replay reads the stored
 * lines in (reading order). One case breaks it: a later ingest that reads an input never read
 * before, then new lines of an input read before, stores them in that order, while the orders put
 * the older input's lines first; a row's example may then be another of its replies. Its counts
 * never differ.
 *
 * <p>A row value is {@code code SEP tag SEP source [SEP group]} (by enhanced code, {@code enhanced
 * SEP source [SEP group]}): the group last, so that a value cut at {@link IndexFields#MAX_KEYWORD_CHARS}
 * loses only the end of an absurdly long domain or host name, never the code.
 */
public final class CodesAggregates {
  /** Parts of a row value and of an example: no code, tag, source or command holds it. */
  static final char SEP = '\u001f';
  static final String FROM_LOG = "L";
  static final String FROM_DIALOGUE = "D";
  static final String FIRST = "first";
  static final String LEAST = "least";
  private static final String NO_COMMAND = "-";
  /**
   * The reply text kept for the example: far past what a row shows (200 characters) and what the
   * classification reads (code, enhanced code, command), and short enough for a doc value (32,766
   * bytes in Lucene and Solr) in any UTF-8.
   */
  static final int EXAMPLE_CHARS = 8000;

  private CodesAggregates() {}

  /** The fields holding a counted reply's rows in each breakdown, and their values. */
  public static Map<String, String> rows(CodesCollector.Counted c, ReplyClassifier classifier) {
    ReplyClassification classified = classifier.classify(c.reply());
    String source = c.fromLog() ? FROM_LOG : FROM_DIALOGUE;
    String code = classified.reply().code().value() + "" + SEP + classified.tag() + SEP + source;
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put(IndexFields.CODES_ROW, code);
    rows.put(IndexFields.CODES_ROW_DOMAIN, code + SEP + c.domain());
    rows.put(IndexFields.CODES_ROW_RELAY, code + SEP + (c.server() == null ? "" : c.server()));
    if (c.table() == CodesCollector.Table.REPLIES && c.reply().enhanced().isPresent()) {
      String enhanced = c.reply().enhanced().get().toString() + SEP + source;
      rows.put(IndexFields.ENHANCED_ROW, enhanced);
      rows.put(IndexFields.ENHANCED_ROW_DOMAIN, enhanced + SEP + c.domain());
      rows.put(IndexFields.ENHANCED_ROW_RELAY, enhanced + SEP + (c.server() == null ? "" : c.server()));
    }
    return rows;
  }

  /** A reply as {@link #reply} reads it back: code, enhanced code, the command it answered, its text. */
  public static String example(SmtpReply reply) {
    String text = reply.text().length() > EXAMPLE_CHARS ? reply.text().substring(0, EXAMPLE_CHARS) : reply.text();
    return reply.code().value() + "" + SEP + reply.enhanced().map(Object::toString).orElse("") + SEP
        + reply.command().map(SmtpCommand::name).orElse(NO_COMMAND) + SEP + text;
  }

  /** The reply an {@link #example} holds. */
  static SmtpReply reply(String example) {
    String[] parts = example.split(String.valueOf(SEP), 4);
    Optional<EnhancedStatus> enhanced = parts[1].isEmpty() ? Optional.empty() : EnhancedStatus.parse(parts[1]);
    Optional<SmtpCommand> command = parts[2].equals(NO_COMMAND) ? Optional.empty()
        : Optional.of(SmtpCommand.valueOf(parts[2]));
    return new SmtpReply(ReplyCode.of(Integer.parseInt(parts[0])), enhanced, parts[3], command);
  }

  /** The metrics of a row: its first reply and where it came. */
  static Map<String, Metric> metrics() {
    return Map.of(FIRST, new Metric.First(IndexFields.REPLY_EXAMPLE, IndexFields.REPLY_ORDER),
        LEAST, new Metric.Min(IndexFields.REPLY_ORDER));
  }

  /** A codes collector broken down {@code by}, holding the rows the aggregates of {@code source} give. */
  public static CodesCollector collector(Aggregations source, CodesCollector.By by, Pseudonymizer pseudonyms)
      throws IOException {
    CodesCollector codes = new CodesCollector(by, pseudonyms);
    ReplyClassifier classifier = ReplyClassifier.standard();
    String suffix = switch (by) {
      case NONE -> "";
      case DOMAIN -> IndexFields.CODES_ROW_DOMAIN.substring(IndexFields.CODES_ROW.length());
      case RELAY -> IndexFields.CODES_ROW_RELAY.substring(IndexFields.CODES_ROW.length());
    };
    fill(codes, source.run(IndexFields.REPLY_KIND, IndexFields.CODES_ROW + suffix, metrics()),
        CodesCollector.Table.REPLIES, false, 2, by, pseudonyms, classifier);
    fill(codes, source.run(IndexFields.REPLY_KIND, IndexFields.ENHANCED_ROW + suffix, metrics()),
        CodesCollector.Table.REPLIES, true, 1, by, pseudonyms, classifier);
    fill(codes, source.run(IndexFields.RCPT_REPLY_KIND, IndexFields.CODES_ROW + suffix, metrics()),
        CodesCollector.Table.RCPT, false, 2, by, pseudonyms, classifier);
    return codes;
  }

  /** One collector row: its counts from each source, and its first reply. */
  private static final class Row {
    final String group;
    long order = Long.MAX_VALUE;
    String example;
    long inLogs;
    long inTranscripts;

    Row(String group) {
      this.group = group;
    }
  }

  /**
   * Counts the buckets of one table into the collector, in the order of their rows' first replies.
   *
   * @param parts how many parts of a row value come before its source
   */
  private static void fill(CodesCollector codes, AggResult result, CodesCollector.Table table, boolean enhanced,
      int parts, CodesCollector.By by, Pseudonymizer pseudonyms, ReplyClassifier classifier) {
    Map<String, Row> rows = new HashMap<>();
    for (AggResult.Bucket b : result.buckets()) {
      String[] key = b.key().split(String.valueOf(SEP), parts + 2);
      String raw = key.length > parts + 1 ? key[parts + 1] : "";
      String group = CodesCollector.group(by, pseudonyms, raw, raw);
      ReplyClassification example = classifier.classify(reply(b.first(FIRST)));
      String rowKey = enhanced ? CodesCollector.enhancedKey(group, example).orElseThrow()
          : CodesCollector.codeKey(group, example);
      // Two values may make one row (two domains under one pseudonym): their first reply is the earlier.
      Row row = rows.computeIfAbsent(rowKey, k -> new Row(group));
      long order = b.extreme(LEAST);
      if (order < row.order) {
        row.order = order;
        row.example = b.first(FIRST);
      }
      if (key[parts].equals(FROM_LOG)) {
        row.inLogs += b.count();
      } else {
        row.inTranscripts += b.count();
      }
    }
    List<Map.Entry<String, Row>> ordered = new ArrayList<>(rows.entrySet());
    ordered.sort(Comparator.comparingLong(e -> e.getValue().order));
    for (Map.Entry<String, Row> e : ordered) {
      Row row = e.getValue();
      codes.addRow(table, enhanced, e.getKey(), row.group, classifier.classify(reply(row.example)), row.inLogs,
          row.inTranscripts);
    }
  }
}
