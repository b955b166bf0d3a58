package io.smtplog.cli;

import io.smtplog.cli.option.DiagnosticOptions;
import io.smtplog.core.index.DamagedIndexException;
import io.smtplog.core.index.IndexCheck;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Turns exceptions into one line for people ("smtplog: cannot read x: no such file"), with a
 * stack trace only when {@code --stacktrace} is given. An exception that wraps a full disk, an I/O
 * error or an out-of-memory error (Lucene's {@code AlreadyClosedException} does) is reported as
 * its cause, never as a bug. Control characters in the line are replaced where standard error is
 * written ({@link TerminalSafeWriter}).
 */
final class UserMessageHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
    boolean trace = DiagnosticOptions.given(parseResult, DiagnosticOptions.STACKTRACE);
    var err = commandLine.getErr();
    UserError user = ex instanceof UserError u ? u : describe(ex);
    if (user.exitCode() == ExitCodes.SOFTWARE && commandLine.getCommand() instanceof ReadsIndex reader) {
      // Reading an index failed in a way no check foresaw: a damaged file decodes as nonsense.
      user = reader.indexDir().flatMap(IndexCheck::damage)
          .map(d -> new UserError(ExitCodes.INPUT_UNREADABLE, d.getMessage())).orElse(user);
    }
    err.println("smtplog: " + user.getMessage());
    if (trace) {
      ex.printStackTrace(err);
    }
    err.flush();
    return user.exitCode();
  }

  /** The line and exit code for an exception that is not a {@link UserError}. */
  static UserError describe(Throwable ex) {
    if (ex instanceof NoSuchFileException e) {
      return new UserError(ExitCodes.INPUT_UNREADABLE, "cannot read " + e.getFile() + ": no such file or directory");
    }
    if (ex instanceof AccessDeniedException e) {
      // Reading, writing or creating: inputs that cannot be read are problems of the report, so what
      // arrives here is mostly an output or an index that cannot be written.
      return new UserError(ExitCodes.INPUT_UNREADABLE, "permission denied on " + e.getFile()
          + ": check the permissions of it and of its folder");
    }
    java.util.Optional<UserError> solr = SolrFailures.describe(ex);
    if (solr.isPresent()) {
      return solr.get();
    }
    java.util.Optional<DamagedIndexException> damage = DamagedIndexException.in(ex);
    if (damage.isPresent()) {
      return new UserError(ExitCodes.INPUT_UNREADABLE, damage.get().getMessage());
    }
    Throwable cause = Failures.resourceCause(ex).orElse(null);
    if (cause instanceof OutOfMemoryError) {
      return new UserError(ExitCodes.SOFTWARE, Failures.outOfMemory());
    }
    if (cause instanceof IOException io) {
      return new UserError(ExitCodes.INPUT_UNREADABLE, (Failures.isDiskFull(io) ? "" : "I/O error: ")
          + Failures.reason(io));
    }
    return new UserError(ExitCodes.SOFTWARE, "internal error (" + ex.getClass().getSimpleName() + ": "
        + ex.getMessage() + "); this is a bug in smtplog, please report it with the output of --stacktrace");
  }
}
