package io.smtplog.core.model;

/** Severity of a daemon diagnostic (Postfix "warning:", "error:", "fatal:", "panic:"; Exim paniclog). */
public enum Severity {
  WARNING, ERROR, FATAL, PANIC
}
