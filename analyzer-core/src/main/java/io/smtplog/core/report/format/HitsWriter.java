package io.smtplog.core.report.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smtplog.core.index.IndexField;
import io.smtplog.core.index.IndexFields;
import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.report.ReportKeys;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the hits of {@code smtplog query} and the counts of {@code --facet}, as a terminal table,
 * CSV, one JSON object, or NDJSON (one object per line). The columns of a table and CSV are those
 * of the kind of the hits (recipients, messages, sessions, events; a mix shows what they share);
 * JSON shows every value a hit has, numbers as numbers, times in the report's zone. Log-derived
 * text is neutralised as in every report.
 */
public final class HitsWriter {
  private static final Map<String, List<String>> COLUMNS = Map.of(
      IndexFields.RECIPIENT, List.of(IndexFields.TIME, IndexFields.STATUS, IndexFields.RECIPIENT_FIELD,
          IndexFields.DOMAIN, IndexFields.SENDER, IndexFields.QUEUE_ID, IndexFields.RCPT_CODE, IndexFields.CODE,
          IndexFields.TAG, IndexFields.RELAY, IndexFields.DEFERRALS, IndexFields.DELAY),
      IndexFields.MESSAGE, List.of(IndexFields.TIME, IndexFields.QUEUE_ID, IndexFields.MESSAGE_ID, IndexFields.SENDER,
          IndexFields.CLIENT, IndexFields.SIZE, IndexFields.RECIPIENTS, IndexFields.COPY_OF, IndexFields.SESSION),
      IndexFields.SESSION_KIND, List.of(IndexFields.TIME, IndexFields.DIRECTION, IndexFields.CLIENT, IndexFields.RELAY,
          IndexFields.HELO, IndexFields.TLS, IndexFields.AUTH, IndexFields.CODE, IndexFields.REJECTS,
          IndexFields.DURATION, IndexFields.SESSION),
      IndexFields.EVENT_KIND, List.of(IndexFields.TIME, IndexFields.EVENT, IndexFields.COMMAND,
          IndexFields.RECIPIENT_FIELD, IndexFields.SENDER, IndexFields.CLIENT, IndexFields.CODE, IndexFields.TEXT,
          IndexFields.FILE, IndexFields.LINE));
  private static final List<String> MIXED = List.of(IndexFields.TIME, IndexFields.KIND, IndexFields.QUEUE_ID,
      IndexFields.SENDER, IndexFields.RECIPIENT_FIELD, IndexFields.CLIENT, IndexFields.STATUS, IndexFields.EVENT,
      IndexFields.CODE, IndexFields.TAG, IndexFields.SESSION);
  /** Columns a narrow table leaves out first. */
  private static final List<String> DROP_ORDER = List.of(IndexFields.SESSION, IndexFields.FILE, IndexFields.LINE,
      IndexFields.COPY_OF, IndexFields.MESSAGE_ID, IndexFields.DELAY, IndexFields.DEFERRALS, IndexFields.RELAY,
      IndexFields.QUEUE_ID, IndexFields.TAG, IndexFields.SENDER, IndexFields.KIND);
  private static final ObjectMapper MAPPER = JsonFormat.mapper();
  private static final Set<String> TIMES = Set.of(IndexFields.TIME, IndexFields.LAST_SEEN);

  /** Output formats of hits and counts. */
  public enum Format { table, csv, json, ndjson }

  private final ZoneId zone;

  public HitsWriter(ZoneId zone) {
    this.zone = zone;
  }

  /** The columns of a table of these hits: their kind's, or what every kind shows. */
  public static List<String> columns(List<IndexSearch.Hit> hits) {
    Set<String> kinds = hits.stream().map(IndexSearch.Hit::kind).collect(Collectors.toSet());
    return kinds.size() == 1 ? COLUMNS.getOrDefault(kinds.iterator().next(), MIXED) : MIXED;
  }

  /** A hit's values as shown: times in the zone, several values joined with ", ". */
  private Map<String, Object> shown(IndexSearch.Hit hit) {
    Map<String, Object> out = new LinkedHashMap<>();
    hit.values().forEach((k, v) -> out.put(k, TIMES.contains(k) ? time(v) : v));
    return out;
  }

  private Object time(Object value) {
    try {
      return Cells.iso(Instant.parse(String.valueOf(value)).atZone(zone).toOffsetDateTime());
    } catch (DateTimeParseException e) {
      return value;
    }
  }

  private static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
    return String.valueOf(value);
  }

  /**
   * Writes the hits; the total, when more matched than are shown, in a JSON document's
   * {@code total} (for the other formats the caller says it on standard error).
   */
  public void write(IndexSearch.Hits hits, Format format, Writer out, int width) throws IOException {
    List<String> columns = columns(hits.hits());
    switch (format) {
      case table -> {
        List<List<String>> rows = new ArrayList<>();
        for (IndexSearch.Hit h : hits.hits()) {
          Map<String, Object> values = shown(h);
          rows.add(columns.stream().map(c -> text(values.get(c))).toList());
        }
        List<String> numeric = columns.stream().filter(c -> IndexFields.field(c).map(IndexField::numeric).orElse(false)
            && !TIMES.contains(c)).toList();
        TableWriter.write(out, columns, rows, width, DROP_ORDER, numeric);
      }
      case csv -> {
        CSVPrinter printer = new CSVPrinter(out, CsvFormat.FORMAT);
        printer.printRecord(columns);
        for (IndexSearch.Hit h : hits.hits()) {
          Map<String, Object> values = shown(h);
          printer.printRecord(CsvFormat.safe(columns.stream().map(c -> text(values.get(c))).toList()));
        }
        printer.flush();
      }
      case json -> {
        ObjectNode root = MAPPER.createObjectNode();
        root.put(ReportKeys.TOTAL, hits.total());
        root.put(ReportKeys.SHOWN, hits.hits().size());
        ArrayNode array = root.putArray(ReportKeys.HITS);
        for (IndexSearch.Hit h : hits.hits()) {
          array.add(MAPPER.valueToTree(shown(h)));
        }
        MAPPER.writeValue(out, root);
        out.write('\n');
      }
      case ndjson -> {
        // One object a line, each written on its own: a shared generator would put a space between them.
        var compact = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);
        for (IndexSearch.Hit h : hits.hits()) {
          out.write(compact.writeValueAsString(shown(h)));
          out.write('\n');
        }
      }
    }
    out.flush();
  }

  /** Counts per value of each field, most frequent first (then by value), at most {@code limit} per field (0: all). */
  public static void writeFacets(Map<String, Map<String, Long>> facets, Format format, Writer out, int width,
      int limit) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, Map<String, Long>> f : facets.entrySet()) {
      f.getValue().entrySet().stream().limit(limit <= 0 ? Long.MAX_VALUE : limit)
          .forEach(e -> rows.add(List.of(f.getKey(), e.getKey(), Long.toString(e.getValue()))));
    }
    List<String> header = List.of(ReportKeys.FIELD, ReportKeys.VALUE, ReportKeys.COUNT);
    switch (format) {
      case table -> TableWriter.write(out, header, rows, width, List.of(), List.of(ReportKeys.COUNT));
      case csv -> {
        CSVPrinter printer = new CSVPrinter(out, CsvFormat.FORMAT);
        printer.printRecord(header);
        for (List<String> row : rows) {
          printer.printRecord(CsvFormat.safe(row));
        }
        printer.flush();
      }
      case json, ndjson -> {
        ObjectNode root = MAPPER.createObjectNode();
        for (List<String> row : rows) {
          ObjectNode field = root.has(row.get(0)) ? (ObjectNode) root.get(row.get(0)) : root.putObject(row.get(0));
          field.put(row.get(1), Long.parseLong(row.get(2)));
        }
        if (format == Format.json) {
          MAPPER.writeValue(out, root);
        } else {
          out.write(MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
        }
        out.write('\n');
      }
    }
    out.flush();
  }
}
