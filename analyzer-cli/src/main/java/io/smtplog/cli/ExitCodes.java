package io.smtplog.cli;

/** Process exit codes of {@code smtplog}, documented in docs/commands.md ("Exit codes"). */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** A defect in smtplog, or the heap exhausted (out of memory: the message says how to raise it). */
  public static final int SOFTWARE = 1;
  /**
   * Bad options or arguments: also a query that cannot be searched (too deep, too complex), {@code -o}
   * naming an input, {@code --index} naming a folder that holds other things than an index.
   */
  public static final int USAGE = 2;
  /**
   * An input could not be read (or read to its end, when nothing else was read), the output could not
   * be written (a full disk: standard output is then incomplete, a {@code -o} file not written), the
   * index could not be written (a full disk) or is damaged, or is missing or held by another ingest.
   */
  public static final int INPUT_UNREADABLE = 3;
  /**
   * Lines were problems: more than half of the lines read, or some while none was a mail event
   * (nothing or little was understood), or with {@code --strict} any; {@code classify}: something
   * that is not a reply.
   */
  public static final int PROBLEMS = 4;
  /**
   * What was asked for is not in what was read: {@code trace} found no message, recipient or session
   * for its ID. Not 1, grep's "nothing found", which is {@link #SOFTWARE} here; a query with no hits
   * is no failure (exit 0, "(0 hits)" on standard error), as an empty report is not.
   */
  public static final int NOT_FOUND = 5;

  /** An exit code and what it means, one line: the EXIT STATUS of the usage and the man page. */
  public record Meaning(int code, String text) {}

  /** Every exit code, in order: the usage's and the man page's list is made from this one. */
  public static final java.util.List<Meaning> ALL = java.util.List.of(
      new Meaning(OK, "Success."),
      new Meaning(SOFTWARE, "A defect in smtplog, or the heap exhausted (the message says how to raise it)."),
      new Meaning(USAGE, "Bad options or arguments, or a query that cannot be searched."),
      new Meaning(INPUT_UNREADABLE, "An input, the index or the output could not be read or written."),
      new Meaning(PROBLEMS, "Too many lines could not be used (with --strict: any), or classify read"
          + " something that is not a reply."),
      new Meaning(NOT_FOUND, "trace found no message, recipient or session for its ID."));

  private ExitCodes() {}
}
