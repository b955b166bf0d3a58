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

  // Hand-written: processes are hash keys of the dialogue and session tables.
  @Override
  public boolean equals(Object other) {
    return other instanceof ProcessRef p && pid == p.pid && program.equals(p.program) && host.equals(p.host)
        && instance.equals(p.instance);
  }

  @Override
  public int hashCode() {
    return ((host.hashCode() * 31 + instance.hashCode()) * 31 + program.hashCode()) * 31 + Long.hashCode(pid);
  }

  /** The syslog tag as written: "postfix/smtpd". */
  public String tag() {
    return instance.isEmpty() ? program : instance + "/" + program;
  }
}
