package io.smtplog.core.model;

/**
 * How the lines of one SMTP server session are known from those of other sessions; the adapter of
 * each format says which its server writes.
 */
public enum SessionScope {
  /**
   * The process that logged the connection logs the whole session (Postfix smtpd, postfix-log-format
   * reference section 2.2): its later lines carry the same process id.
   */
  PROCESS,
  /**
   * The connection is logged by one process and served by another (Exim's daemon forks a process
   * per connection, exim-log-format reference section 6.6): the session's lines are recognised by
   * the client's address and port. Without a port (no {@code +incoming_port}), concurrent
   * connections from one address cannot be told apart.
   */
  CLIENT
}
