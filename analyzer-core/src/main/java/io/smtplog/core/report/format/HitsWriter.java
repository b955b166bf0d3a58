package io.smtplog.core.report.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smtplog.core.classify.ReplyClassifier;
import io.smtplog.core.index.EventCodec;
import io.smtplog.core.index.IndexDocuments;
import io.smtplog.core.index.IndexFields;
import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.report.ReportKeys;
import java.io.IOException;
import java.io.Writer;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the hits of {@code smtplog query} (one row per event: its time, kind, ids, addresses,
 * reply, status, relay, file and line, session) and the counts of {@code --facet}, as a terminal
 * table, CSV, one JSON array, or NDJSON. Log-derived text is neutralised as in every report.
 */
public final class HitsWriter {
  public static final List<String> COLUMNS = List.of(IndexFields.TIME, IndexFields.MTA, IndexFields.EVENT,
      IndexFields.QUEUE_ID, IndexFields.SENDER, IndexFields.RECIPIENT, IndexFields.CODE, IndexFields.TAG,
      IndexFields.STATUS, IndexFields.RELAY, IndexFields.FILE, IndexFields.LINE, IndexFields.SESSION);
  private static final List<String> DROP_ORDER = List.of(IndexFields.SESSION, IndexFields.FILE, IndexFields.LINE,
      IndexFields.RELAY, IndexFields.QUEUE_ID, IndexFields.SENDER, IndexFields.MTA, IndexFields.STATUS);
  private static final ObjectMapper MAPPER = JsonFormat.mapper();
  /** Without indentation: NDJSON is one object per line. */
  private static final ObjectMapper COMPACT = new ObjectMapper()
      .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  /** Output formats of hits and counts. */
  public enum Format { table, csv, json, ndjson }

  private final IndexDocuments documents = new IndexDocuments(ReplyClassifier.standard());
  private final ZoneId zone;

  public HitsWriter(ZoneId zone) {
    this.zone = zone;
  }

  public List<String> cells(IndexSearch.Hit hit) {
    Map<String, String> values = documents.values(hit.event());
    List<String> cells = new ArrayList<>(COLUMNS.size());
    for (String column : COLUMNS) {
      String cell = switch (column) {
        case IndexFields.TIME -> Cells.iso(hit.event().at().atZone(zone).toOffsetDateTime());
        case IndexFields.MTA -> hit.event().mta().name().toLowerCase(java.util.Locale.ROOT);
        case IndexFields.EVENT -> IndexDocuments.kindOf(hit.event());
        case IndexFields.FILE -> hit.event().source().file();
        case IndexFields.LINE -> Long.toString(hit.event().source().lineNumber());
        case IndexFields.SESSION -> hit.session().orElse("");
        default -> values.getOrDefault(column, "");
      };
      cells.add(cell);
    }
    return cells;
  }

  public void write(List<IndexSearch.Hit> hits, Format format, Writer out, int width) throws IOException {
    switch (format) {
      case table -> {
        List<List<String>> rows = new ArrayList<>();
        for (IndexSearch.Hit h : hits) {
          rows.add(cells(h));
        }
        TableWriter.write(out, COLUMNS, rows, width, DROP_ORDER, List.of(IndexFields.CODE, IndexFields.LINE));
      }
      case csv -> {
        CSVPrinter printer = new CSVPrinter(out, CsvFormat.FORMAT);
        printer.printRecord(COLUMNS);
        for (IndexSearch.Hit h : hits) {
          printer.printRecord(CsvFormat.safe(cells(h)));
        }
        printer.flush();
      }
      case json, ndjson -> {
        JsonGenerator json = COMPACT.getFactory().createGenerator(out);
        if (format == Format.json) {
          json.useDefaultPrettyPrinter();
          json.writeStartArray();
        }
        for (IndexSearch.Hit h : hits) {
          ObjectNode node = MAPPER.createObjectNode();
          List<String> cells = cells(h);
          for (int i = 0; i < COLUMNS.size(); i++) {
            if (!cells.get(i).isEmpty()) {
              node.put(COLUMNS.get(i), cells.get(i));
            }
          }
          node.set(ReportKeys.EVENT_JSON, MAPPER.readTree(EventCodec.encode(h.event())));
          json.writeTree(node);
          if (format == Format.ndjson) {
            json.writeRaw('\n');
          }
        }
        if (format == Format.json) {
          json.writeEndArray();
          json.writeRaw('\n');
        }
        json.flush();
      }
    }
    out.flush();
  }

  /** Counts per value of each field, most frequent first (then by value), at most {@code limit} per field. */
  public static void writeFacets(Map<String, Map<String, Long>> facets, Format format, Writer out, int width,
      int limit) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, Map<String, Long>> f : facets.entrySet()) {
      f.getValue().entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
          .limit(limit)
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
          out.write(MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(root));
        }
        out.write('\n');
      }
    }
    out.flush();
  }
}
