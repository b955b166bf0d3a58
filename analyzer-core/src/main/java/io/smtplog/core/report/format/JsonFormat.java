package io.smtplog.core.report.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smtplog.core.ingest.InputNote;
import io.smtplog.core.ingest.LineProblem;
import io.smtplog.core.ingest.OtherLine;
import io.smtplog.core.report.Column;
import io.smtplog.core.report.InputSummary;
import io.smtplog.core.report.ReportDocument;
import io.smtplog.core.report.ReportKeys;
import io.smtplog.core.report.Section;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a report as one JSON document (Jackson): {@code {"report", "input", "sections": {NAME:
 * {"title", "columns", "rows": [{column: value}], "notes"}}}}. Cells keep their types: counts and
 * decimals are JSON numbers, counts per value are objects, empty cells are null.
 */
public final class JsonFormat {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private JsonFormat() {}

  /** The shared mapper (indenting, never closing the target). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** The document as a JSON tree. */
  public static ObjectNode tree(ReportDocument document) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put(ReportKeys.REPORT, document.report());
    root.set(ReportKeys.INPUT, inputTree(document.input()));
    ObjectNode sections = root.putObject(ReportKeys.SECTIONS);
    for (Section section : document.sections()) {
      sections.set(section.name(), sectionTree(section));
    }
    return root;
  }

  /** One section as a JSON object. */
  public static ObjectNode sectionTree(Section section) {
    ObjectNode s = MAPPER.createObjectNode();
    s.put(ReportKeys.TITLE, section.title());
    ArrayNode columns = s.putArray(ReportKeys.COLUMNS);
    section.columns().forEach(c -> columns.add(c.name()));
    ArrayNode rows = s.putArray(ReportKeys.ROWS);
    for (List<Object> row : section.rows()) {
      ObjectNode r = rows.addObject();
      for (int i = 0; i < section.columns().size(); i++) {
        put(r, section.columns().get(i), row.get(i));
      }
    }
    ArrayNode notes = s.putArray(ReportKeys.NOTES);
    section.notes().forEach(notes::add);
    return s;
  }

  private static void put(ObjectNode node, Column column, Object cell) {
    String key = column.name();
    if (cell == null) {
      node.putNull(key);
      return;
    }
    switch (column.type()) {
      case TEXT, HOST -> node.put(key, (String) cell);
      case REPLY_CODE -> node.put(key, (Integer) cell);
      case COUNT, BYTES -> node.put(key, (Long) cell);
      case DECIMAL -> node.put(key, (BigDecimal) cell);
      case TIME -> node.put(key, Cells.iso((OffsetDateTime) cell));
      case COUNTS -> {
        ObjectNode counts = node.putObject(key);
        ((Map<?, ?>) cell).forEach((k, v) -> counts.put(String.valueOf(k), (Long) v));
      }
    }
  }

  /**
   * Writes {@link #tree} with a final newline, a row at a time (Jackson's streaming generator), so
   * that a section of a million rows is never a tree in memory. Does not close {@code out}.
   */
  public static void write(ReportDocument document, Writer out) throws IOException {
    JsonGenerator json = MAPPER.createGenerator(out);
    json.writeStartObject();
    json.writeStringField(ReportKeys.REPORT, document.report());
    json.writeFieldName(ReportKeys.INPUT);
    MAPPER.writeTree(json, inputTree(document.input()));
    json.writeObjectFieldStart(ReportKeys.SECTIONS);
    for (Section section : document.sections()) {
      json.writeObjectFieldStart(section.name());
      json.writeStringField(ReportKeys.TITLE, section.title());
      json.writeArrayFieldStart(ReportKeys.COLUMNS);
      for (Column c : section.columns()) {
        json.writeString(c.name());
      }
      json.writeEndArray();
      json.writeArrayFieldStart(ReportKeys.ROWS);
      for (List<Object> row : section.rows()) {
        ObjectNode r = MAPPER.createObjectNode();
        for (int i = 0; i < section.columns().size(); i++) {
          put(r, section.columns().get(i), row.get(i));
        }
        MAPPER.writeTree(json, r);
      }
      json.writeEndArray();
      json.writeArrayFieldStart(ReportKeys.NOTES);
      for (String note : section.notes()) {
        json.writeString(note);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndObject();
    json.writeEndObject();
    json.flush();
    out.write('\n');
    out.flush();
  }

  public static ObjectNode inputTree(InputSummary input) {
    ObjectNode node = MAPPER.createObjectNode();
    ArrayNode files = node.putArray(ReportKeys.FILES);
    input.files().forEach(files::add);
    node.put(ReportKeys.LINES, input.lines());
    node.put(ReportKeys.BYTES, input.bytes());
    node.put(ReportKeys.EVENTS, input.events());
    node.put(ReportKeys.IGNORED, input.ignored());
    node.put(ReportKeys.OTHER, input.other());
    ObjectNode programs = node.putObject(ReportKeys.OTHER_PROGRAMS);
    new TreeMap<>(input.otherPrograms()).forEach(programs::put);
    ArrayNode others = node.putArray(ReportKeys.OTHER_SAMPLES);
    for (OtherLine o : input.otherSamples()) {
      ObjectNode s = others.addObject();
      s.put(ReportKeys.FILE, o.source().file());
      s.put(ReportKeys.LINE, o.source().lineNumber());
      s.put(ReportKeys.KIND, o.reason().name());
      s.put(ReportKeys.EXCERPT, o.excerpt());
    }
    node.put(ReportKeys.PROBLEMS, input.problems());
    ObjectNode formats = node.putObject(ReportKeys.FORMATS);
    new TreeMap<>(input.formats()).forEach((format, c) -> {
      ObjectNode f = formats.putObject(format);
      f.put(ReportKeys.FILES, c.files());
      f.put(ReportKeys.LINES, c.lines());
      f.put(ReportKeys.EVENTS, c.events());
      f.put(ReportKeys.PROBLEMS, c.problems());
    });
    ObjectNode byMta = node.putObject(ReportKeys.EVENTS_BY_MTA);
    new TreeMap<>(input.eventsByMta()).forEach(byMta::put);
    ObjectNode byKind = node.putObject(ReportKeys.PROBLEMS_BY_KIND);
    new TreeMap<>(input.problemsByKind()).forEach((kind, count) -> byKind.put(kind.name(), count));
    ArrayNode samples = node.putArray(ReportKeys.PROBLEM_SAMPLES);
    for (LineProblem p : input.problemSamples()) {
      ObjectNode s = samples.addObject();
      s.put(ReportKeys.FILE, p.source().file());
      s.put(ReportKeys.LINE, p.source().lineNumber());
      s.put(ReportKeys.KIND, p.kind().name());
      s.put(ReportKeys.DETAIL, p.detail());
      s.put(ReportKeys.EXCERPT, p.excerpt());
    }
    ArrayNode notes = node.putArray(ReportKeys.NOTES);
    for (InputNote n : input.notes()) {
      ObjectNode s = notes.addObject();
      s.put(ReportKeys.FILE, n.file());
      s.put(ReportKeys.KIND, n.kind().name());
      s.put(ReportKeys.LINES, n.lines());
      s.put(ReportKeys.LINE, n.first().lineNumber());
      s.put(ReportKeys.DETAIL, n.kind().meaning());
      s.put(ReportKeys.EXCERPT, n.excerpt());
    }
    return node;
  }
}
