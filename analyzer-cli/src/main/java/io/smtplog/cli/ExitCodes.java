package io.smtplog.cli;

/** Process exit codes of {@code smtplog}, documented in the README. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** A defect in smtplog, or an unexpected failure. */
  public static final int SOFTWARE = 1;
  /** Bad options or arguments. */
  public static final int USAGE = 2;
  /** An input or output file could not be opened. */
  public static final int INPUT_UNREADABLE = 3;
  /** {@code --strict} and some lines were problems. */
  public static final int PROBLEMS = 4;

  private ExitCodes() {}
}
