package io.smtplog.core.model;

import java.util.Objects;

/**
 * The process that wrote a log line: syslog host, tag (e.g. "postfix/submission/smtpd") split into
 * instance ("postfix/submission") and program ("smtpd"), and pid (-1 when the line has none).
 * Immutable; equal processes are the same correlation key.
 */
public record ProcessRef(String host, String instance, String program, long pid) {
  public ProcessRef {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(program, "program");
  }

  /** The syslog tag as written: "postfix/smtpd". */
  public String tag() {
    return instance.isEmpty() ? program : instance + "/" + program;
  }
}
