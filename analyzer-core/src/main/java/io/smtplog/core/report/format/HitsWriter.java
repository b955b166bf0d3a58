package io.smtplog.core.report.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smtplog.core.index.IndexField;
import io.smtplog.core.index.IndexFields;
import io.smtplog.core.index.IndexView;
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
  public static List<String> columns(List<IndexView.Hit> hits) {
    return columnsOf(hits.stream().map(IndexView.Hit::kind).collect(Collectors.toSet()));
  }

  /** The columns of hits of these kinds: their kind's, or what every kind shows. */
  static List<String> columnsOf(Set<String> kinds) {
    return kinds.size() == 1 ? COLUMNS.getOrDefault(kinds.iterator().next(), MIXED) : MIXED;
  }

  /** A hit's values as shown: times in the zone, several values joined with ", ". */
  private Map<String, Object> shown(IndexView.Hit hit) {
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
  public void write(IndexView.Hits hits, Format format, Writer out, int width) throws IOException {
    write(new Pages(hits.hits(), hits.total()), format, out, width);
  }

  /**
   * Writes the hits a page at a time, as they are read, holding one page: a table's columns are
   * those of the first page's kinds and its widths what the first page needs (later rows are cut
   * to them); when the hits take more than one page, the columns are those of every kind that
   * matches. JSON is one document, written as it goes. Returns how many hits were written.
   */
  public long write(IndexView.HitPages pages, Format format, Writer out, int width) throws IOException {
    List<IndexView.Hit> first = pages.next();
    List<String> columns = pages.paged() ? columnsOf(pages.kinds()) : columns(first);
    return write(new Pages(first, pages.total()) {
      @Override
      List<IndexView.Hit> next() throws IOException {
        return pages.next();
      }
    }, columns, pages.shown(), format, out, width);
  }

  /** The hits already read (one page), or the pages still to read after the first. */
  private static class Pages {
    final List<IndexView.Hit> first;
    final long total;

    Pages(List<IndexView.Hit> first, long total) {
      this.first = first;
      this.total = total;
    }

    /** The page after the first; empty at the end. */
    List<IndexView.Hit> next() throws IOException {
      return List.of();
    }
  }

  private long write(Pages pages, Format format, Writer out, int width) throws IOException {
    return write(pages, columns(pages.first), pages.first.size(), format, out, width);
  }

  private long write(Pages pages, List<String> columns, long shown, Format format, Writer out, int width)
      throws IOException {
    long written = 0;
    switch (format) {
      case table -> {
        List<String> numeric = columns.stream().filter(c -> IndexFields.field(c).map(IndexField::numeric).orElse(false)
            && !TIMES.contains(c)).toList();
        TableWriter.Streaming table = new TableWriter.Streaming(out, columns, tableRows(pages.first, columns), width,
            DROP_ORDER, numeric, Map.of());
        written += pages.first.size();
        for (List<IndexView.Hit> page = pages.next(); !page.isEmpty(); page = pages.next()) {
          table.rows(tableRows(page, columns));
          written += page.size();
        }
        table.finish();
      }
      case csv -> {
        CSVPrinter printer = new CSVPrinter(out, CsvFormat.FORMAT);
        printer.printRecord(columns);
        for (List<IndexView.Hit> page = pages.first; !page.isEmpty(); page = pages.next()) {
          for (List<String> row : rows(page, columns)) {
            printer.printRecord(CsvFormat.safe(row));
          }
          written += page.size();
        }
        printer.flush();
      }
      case json -> {
        // One document, written as the pages are read (Jackson's streaming generator): the hits
        // are never all in memory.
        JsonGenerator json = MAPPER.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        var hit = MAPPER.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        json.writeStartObject();
        json.writeNumberField(ReportKeys.TOTAL, pages.total);
        json.writeNumberField(ReportKeys.SHOWN, shown);
        json.writeArrayFieldStart(ReportKeys.HITS);
        for (List<IndexView.Hit> page = pages.first; !page.isEmpty(); page = pages.next()) {
          for (IndexView.Hit h : page) {
            hit.writeValue(json, shown(h));
          }
          written += page.size();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
        out.write('\n');
      }
      case ndjson -> {
        // One object a line, each written on its own: a shared generator would put a space between them.
        var compact = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);
        for (List<IndexView.Hit> page = pages.first; !page.isEmpty(); page = pages.next()) {
          for (IndexView.Hit h : page) {
            out.write(compact.writeValueAsString(shown(h)));
            out.write('\n');
          }
          written += page.size();
        }
      }
    }
    out.flush();
    return written;
  }

  /** The rows as a table shows them: message sizes as pflogsumm prints them ({@link Cells#humanBytes}). */
  private List<List<String>> tableRows(List<IndexView.Hit> hits, List<String> columns) {
    int size = columns.indexOf(IndexFields.SIZE);
    List<List<String>> rows = rows(hits, columns);
    if (size < 0) {
      return rows;
    }
    List<List<String>> shown = new ArrayList<>(rows.size());
    for (List<String> row : rows) {
      List<String> cells = new ArrayList<>(row);
      String bytes = cells.get(size);
      if (!bytes.isEmpty() && bytes.length() < 19 && bytes.chars().allMatch(c -> c >= '0' && c <= '9')) {
        cells.set(size, Cells.humanBytes(Long.parseLong(bytes)));
      }
      shown.add(cells);
    }
    return shown;
  }

  private List<List<String>> rows(List<IndexView.Hit> hits, List<String> columns) {
    List<List<String>> rows = new ArrayList<>(hits.size());
    for (IndexView.Hit h : hits) {
      Map<String, Object> values = shown(h);
      rows.add(columns.stream().map(c -> text(values.get(c))).toList());
    }
    return rows;
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
