package io.smtplog.core.ingest;

/** Why a line could not be turned into an event or recognised as harmless. */
public enum ProblemKind {
  /** No known log format: neither a syslog line nor a line of a format this tool reads. */
  UNKNOWN_FORMAT,
  /** The format is known (e.g. a Postfix line) but this shape of message is not. */
  UNKNOWN_LINE,
  /** The line ends where a field or the closing parenthesis was still expected. */
  TRUNCATED,
  /** The timestamp is not a valid date and time. */
  BAD_TIMESTAMP,
  /** A field is present but its value is not valid (a reply code of 999, a size of "x"). */
  BAD_FIELD,
  /** The parser threw: a defect in smtplog, never in the input. */
  PARSER_BUG,
  /** An input could not be opened or read to its end. */
  UNREADABLE_INPUT
}
