package io.smtplog.core.ingest;

/**
 * A shape of input that is read, not refused, but that the user should hear about once per file
 * (never once per line, and never as a problem).
 */
public enum NoteKind {
  /**
   * Postfix queue ids in neither of Postfix's alphabets ("7E1AEC2C388XXXX", "notificationXXXX"):
   * a log anonymised for support. They are read as ids; correlation is as good as the anonymiser
   * kept them distinct.
   */
  UNUSUAL_QUEUE_ID("queue ids in neither of Postfix's alphabets (an anonymised log?), read as they are"),
  /** Exim message ids outside Exim's id layouts ("1tXyzA-000ABC-12XXXX"): likewise. */
  UNUSUAL_MESSAGE_ID("message ids outside Exim's layouts (an anonymised log?), read as they are"),
  /**
   * An ingest found the file's last line without its newline: the writer may be in the middle of
   * it, so it is left for the next ingest, which reads it once it is ended (a file that never gets
   * its newline keeps it unread: say so).
   */
  UNFINISHED_LAST_LINE("no newline yet (the writer in the middle of it?): left for the next ingest, which reads it"
      + " once it ends");

  private final String meaning;

  NoteKind(String meaning) {
    this.meaning = meaning;
  }

  /** One phrase for people, e.g. for a stderr note. */
  public String meaning() {
    return meaning;
  }
}
