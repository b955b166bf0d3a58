package io.smtplog.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smtplog.core.ingest.InputNote;
import io.smtplog.core.ingest.LineProblem;
import io.smtplog.core.ingest.OtherLine;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Writes reports as JSON (Jackson): {"input": {...}, "domains": [...], "totals": {...}}. */
public final class JsonReportWriter {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private JsonReportWriter() {}

  /** The relay report as a JSON tree. */
  public static ObjectNode relayTree(RelayReportDocument report) {
    ObjectNode root = MAPPER.createObjectNode();
    root.set(ReportKeys.INPUT, inputTree(report.input()));
    ArrayNode domains = root.putArray(ReportKeys.DOMAINS);
    for (RelayRow row : report.domains()) {
      domains.add(rowTree(row));
    }
    root.set(ReportKeys.TOTALS, rowTree(report.totals()));
    return root;
  }

  /** Writes {@link #relayTree} with a final newline. Does not close {@code out}. */
  public static void writeRelay(RelayReportDocument report, Writer out) throws IOException {
    MAPPER.writeValue(out, relayTree(report));
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

  static ObjectNode rowTree(RelayRow row) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put(ReportKeys.DOMAIN, row.domain());
    node.put(ReportKeys.RECIPIENTS, row.recipients());
    node.put(ReportKeys.DELIVERED, row.delivered());
    node.put(ReportKeys.ACCEPTED_250, row.accepted250());
    node.put(ReportKeys.FORWARDED_251, row.forwarded251());
    node.put(ReportKeys.RELAYED, row.relayed());
    node.put(ReportKeys.LOCAL, row.local());
    node.put(ReportKeys.DEFERRED, row.deferred());
    node.put(ReportKeys.BOUNCED, row.bounced());
    node.put(ReportKeys.EXPIRED, row.expired());
    node.put(ReportKeys.REJECTED, row.rejected());
    node.put(ReportKeys.DEFERRALS, row.deferrals());
    node.put(ReportKeys.FORWARD_PATHS, row.forwardPaths());
    node.put(ReportKeys.RELAY_HOSTS, row.relayHosts());
    node.put(ReportKeys.RELAYED_THROUGH, row.relayedThrough());
    putDecimal(node, ReportKeys.DELAY_P50_S, row.delayP50Seconds());
    putDecimal(node, ReportKeys.DELAY_P95_S, row.delayP95Seconds());
    putDecimal(node, ReportKeys.DELAY_MAX_S, row.delayMaxSeconds());
    List<String> cells = row.cells();
    putText(node, ReportKeys.FIRST_SEEN, cells.get(ReportKeys.RELAY_COLUMNS.indexOf(ReportKeys.FIRST_SEEN)));
    putText(node, ReportKeys.LAST_SEEN, cells.get(ReportKeys.RELAY_COLUMNS.indexOf(ReportKeys.LAST_SEEN)));
    return node;
  }

  private static void putDecimal(ObjectNode node, String key, Optional<BigDecimal> value) {
    if (value.isPresent()) {
      node.put(key, value.get());
    } else {
      node.putNull(key);
    }
  }

  private static void putText(ObjectNode node, String key, String value) {
    if (value.isEmpty()) {
      node.putNull(key);
    } else {
      node.put(key, value);
    }
  }

  /** The shared mapper (indenting, never closing the target). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
