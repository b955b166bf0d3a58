package io.smtplog.core.report;

import io.smtplog.core.ingest.InputNote;
import io.smtplog.core.ingest.LineProblem;
import io.smtplog.core.ingest.OtherLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last step of every report document ({@link ReportRun}): every text that reaches a format
 * passes through the pseudonymizer, chosen by the column's type, so a new column or section cannot
 * forget it. Collectors pseudonymise the keys they count by (so that "Bob@" and "bob@" are one row)
 * and the local parts they alone know; {@link Pseudonymizer#text} keeps pseudonyms as they are, so
 * this second pass changes only what they left. Stateless.
 */
final class DocumentPseudonyms {
  private DocumentPseudonyms() {}

  /** {@code document} with its texts pseudonymised; the same document without a key. */
  static ReportDocument apply(ReportDocument document, Pseudonymizer pseudonyms) {
    if (!pseudonyms.active()) {
      return document;
    }
    List<Section> sections = new ArrayList<>(document.sections().size());
    for (Section s : document.sections()) {
      sections.add(section(s, pseudonyms));
    }
    return new ReportDocument(document.report(), input(document.input(), pseudonyms), sections);
  }

  /** Titles, column names and notes are smtplog's own words; the cells come from the logs. */
  private static Section section(Section s, Pseudonymizer pseudonyms) {
    if (s.rows() instanceof StreamedRows streamed) { // too many to hold: changed as they are read
      return new Section(s.name(), s.title(), s.columns(), streamed.mapped(row -> row(s, row, pseudonyms)), s.notes());
    }
    List<List<Object>> rows = new ArrayList<>(s.rows().size());
    for (List<Object> row : s.rows()) {
      rows.add(row(s, row, pseudonyms));
    }
    return new Section(s.name(), s.title(), s.columns(), rows, s.notes());
  }

  private static List<Object> row(Section s, List<Object> row, Pseudonymizer pseudonyms) {
    List<Object> cells = new ArrayList<>(row.size());
    for (int i = 0; i < row.size(); i++) {
      cells.add(cell(s.columns().get(i).type(), row.get(i), pseudonyms));
    }
    return cells;
  }

  private static Object cell(ColumnType type, Object cell, Pseudonymizer pseudonyms) {
    if (cell == null) {
      return null;
    }
    return switch (type) {
      case TEXT -> pseudonyms.text((String) cell);
      case HOST -> pseudonyms.host((String) cell);
      case COUNTS -> counts((Map<?, ?>) cell, pseudonyms);
      // Numbers and times carry no names.
      case REPLY_CODE, COUNT, BYTES, DECIMAL, TIME -> cell;
    };
  }

  /** Counts per value with the values pseudonymised; two values with one pseudonym are one, their counts added. */
  private static Map<String, Long> counts(Map<?, ?> counts, Pseudonymizer pseudonyms) {
    Map<String, Long> out = new LinkedHashMap<>();
    counts.forEach((value, count) -> out.merge(pseudonyms.text(String.valueOf(value)), (Long) count, Long::sum));
    return out;
  }

  /**
   * The input section: file names are the user's own (given on the command line) and stay; excerpts
   * and details quote the logs.
   */
  private static InputSummary input(InputSummary in, Pseudonymizer pseudonyms) {
    List<OtherLine> others = in.otherSamples().stream().map(o -> new OtherLine(o.source(), o.reason(),
        pseudonyms.text(o.shape()), pseudonyms.logLine(o.excerpt()))).toList();
    List<LineProblem> problems = in.problemSamples().stream().map(p -> new LineProblem(p.source(), p.kind(),
        pseudonyms.text(p.detail()), pseudonyms.logLine(p.excerpt()))).toList();
    List<InputNote> notes = in.notes().stream().map(n -> new InputNote(n.kind(), n.lines(), n.first(),
        pseudonyms.logLine(n.excerpt()))).toList();
    return new InputSummary(in.files(), in.lines(), in.bytes(), in.events(), in.ignored(), in.other(),
        in.otherPrograms(), others, in.problems(), in.problemsByKind(), problems, notes, in.formats(),
        in.eventsByMta());
  }
}
