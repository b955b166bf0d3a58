/**
 * Writers of reports and other outputs: one writer per format over a {@link
 * io.smtplog.core.report.ReportDocument}, chosen from {@link io.smtplog.core.report.format.ReportFormat}
 * (terminal tables, CSV with Apache Commons CSV, JSON with Jackson, one self-contained HTML file,
 * Prometheus text), the text of typed cells ({@link io.smtplog.core.report.format.Cells}), and the
 * writers of sessions, query hits and classifications. Every log-derived text is neutralised for
 * its destination ({@link io.smtplog.core.report.format.SafeText}).
 */
package io.smtplog.core.report.format;
