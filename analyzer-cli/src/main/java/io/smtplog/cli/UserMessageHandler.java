package io.smtplog.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Turns exceptions into one line for people ("smtplog: cannot read x: no such file"), with a
 * stack trace only when {@code --stacktrace} is given.
 */
final class UserMessageHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
    boolean trace = parseResult.expandedArgs().contains("--stacktrace");
    var err = commandLine.getErr();
    int code;
    String message;
    if (ex instanceof UserError user) {
      code = user.exitCode();
      message = user.getMessage();
    } else if (ex instanceof NoSuchFileException e) {
      code = ExitCodes.INPUT_UNREADABLE;
      message = "cannot read " + e.getFile() + ": no such file or directory";
    } else if (ex instanceof AccessDeniedException e) {
      code = ExitCodes.INPUT_UNREADABLE;
      message = "cannot read " + e.getFile() + ": permission denied";
    } else if (ex instanceof IOException || ex instanceof UncheckedIOException) {
      code = ExitCodes.INPUT_UNREADABLE;
      message = "I/O error: " + ex.getMessage();
    } else {
      code = ExitCodes.SOFTWARE;
      message = "internal error (" + ex.getClass().getSimpleName() + ": " + ex.getMessage()
          + "); this is a bug in smtplog, please report it with the output of --stacktrace";
    }
    err.println("smtplog: " + message);
    if (trace) {
      ex.printStackTrace(err);
    }
    err.flush();
    return code;
  }
}
