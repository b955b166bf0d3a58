/**
 * Reports as views of the outcome stream: the typed report model ({@link
 * io.smtplog.core.report.ReportDocument}, {@link io.smtplog.core.report.Section}, {@link
 * io.smtplog.core.report.Column}), the collectors that build each report's sections from outcomes
 * (relay, summary, codes), the filter applied once to the stream, pseudonyms, and the bounded
 * counters they use. Writers for each output format are in {@link io.smtplog.core.report.format}.
 * Column names and JSON keys are constants in {@link io.smtplog.core.report.ReportKeys}.
 */
package io.smtplog.core.report;
