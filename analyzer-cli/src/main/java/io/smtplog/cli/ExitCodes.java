package io.smtplog.cli;

/** Process exit codes of {@code smtplog}, documented in the README. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** A defect in smtplog, or an unexpected failure. */
  public static final int SOFTWARE = 1;
  /** Bad options or arguments. */
  public static final int USAGE = 2;
  /** An input or output file could not be opened (or an input read to its end, when nothing else was read). */
  public static final int INPUT_UNREADABLE = 3;
  /**
   * Lines were problems: more than half of the lines read, or some while none was a mail event
   * (nothing or little was understood), or with {@code --strict} any; {@code classify}: something
   * that is not a reply.
   */
  public static final int PROBLEMS = 4;

  private ExitCodes() {}
}
