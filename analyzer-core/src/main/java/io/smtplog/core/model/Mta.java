package io.smtplog.core.model;

/** Which kind of software wrote an event: a mail server's log, or a raw SMTP transcript. */
public enum Mta {
  POSTFIX(false), EXIM(false), TRANSCRIPT(true);

  private final boolean rawDialogue;

  Mta(boolean rawDialogue) {
    this.rawDialogue = rawDialogue;
  }

  /**
   * True for a raw SMTP dialogue (a transcript): one session per file and process, its replies
   * are the decisions themselves (no queue manager logs what became of the mail), and its lines
   * carry no client address to pair them by.
   */
  public boolean rawDialogue() {
    return rawDialogue;
  }
}
