/**
 * Reports built from recipient outcomes, and their writers: CSV (Apache Commons CSV, with
 * spreadsheet-formula protection), JSON (Jackson) and aligned terminal tables. Column names and
 * JSON keys are constants in {@link io.smtplog.core.report.ReportKeys}.
 */
package io.smtplog.core.report;
