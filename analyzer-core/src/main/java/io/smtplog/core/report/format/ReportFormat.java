package io.smtplog.core.report.format;

import io.smtplog.core.report.ReportDocument;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * The output formats of every report: one writer each, over the same {@link ReportDocument}. A
 * format that holds one section per file (CSV) writes the document's only section; callers narrow
 * the document with {@link ReportDocument#only} or write one file per section.
 */
public enum ReportFormat {
  /** Aligned terminal tables, fitted to a width. */
  TABLE(false),
  /** RFC 4180 CSV, one section per file. */
  CSV(true),
  /** One JSON document of every section. */
  JSON(false),
  /** One self-contained HTML file with charts. */
  HTML(false),
  /** Prometheus text exposition (node_exporter textfile collector). */
  PROMETHEUS(false);

  private final boolean oneSectionPerFile;

  ReportFormat(boolean oneSectionPerFile) {
    this.oneSectionPerFile = oneSectionPerFile;
  }

  /** True when a file of this format holds one section (CSV). */
  public boolean oneSectionPerFile() {
    return oneSectionPerFile;
  }

  /** The name users type: "table", "csv"... */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** How a document is written: the table's width, Prometheus's per-domain series. */
  public record Options(int width, boolean perDomain) {
    public static final Options DEFAULT = new Options(Integer.MAX_VALUE, false);
  }

  /**
   * Writes {@code document} to {@code out} (not closed). For CSV the document must hold one section.
   *
   * @throws IllegalArgumentException when CSV is asked for a document of several sections
   */
  public void write(ReportDocument document, Writer out, Options options) throws IOException {
    switch (this) {
      case TABLE -> TableFormat.write(document, out, options.width());
      case CSV -> {
        if (document.sections().size() != 1) {
          throw new IllegalArgumentException("CSV holds one section, and this document has "
              + document.sections().size());
        }
        CsvFormat.write(document.sections().get(0), out);
      }
      case JSON -> JsonFormat.write(document, out);
      case HTML -> HtmlFormat.write(document, out);
      case PROMETHEUS -> PrometheusFormat.write(document, out, options.perDomain());
    }
    out.flush();
  }
}
