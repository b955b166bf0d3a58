package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.Manual;
import io.smtplog.cli.UserError;
import io.smtplog.cli.option.IndexOptions;
import io.smtplog.cli.option.InputOptions;
import io.smtplog.core.index.IndexFolder;
import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.model.Plural;
import io.smtplog.core.pipeline.ReadOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code smtplog ingest}: logs and transcripts into the local index, incrementally. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    header = "Reads logs and transcripts into the local index, for smtplog query and trace.",
    description = {"Reads logs and transcripts (as the reports do) into a local Lucene index for `smtplog query`.",
        "Incremental: a file read before adds only its new lines; a rotated or compressed copy is recognised."},
    footerHeading = Manual.EXAMPLES_HEADING,
    footer = {"The bundled logs and transcripts into an index:",
        "  smtplog ingest --index /tmp/idx sample-logs/postfix sample-logs/exim sample-logs/transcripts"})
public final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin InputOptions input;
  @Mixin IndexOptions index;

  @Override
  public Integer call() throws IOException {
    List<LogInput> inputs = input.resolve();
    ReadOptions options = input.readOptions();
    Path dir = index.dir();
    refuseForeign(dir);
    Files.createDirectories(dir);
    PrintWriter err = spec.commandLine().getErr();
    LongConsumer progress = ProgressBar.forInputs(err, inputs);
    LogIndexer.Result result;
    try {
      result = LogIndexer.ingest(dir, inputs, options, progress);
    } catch (LogIndexer.LockedException e) {
      throw new UserError(ExitCodes.INPUT_UNREADABLE, e.getMessage() + "; wait for it to finish, or remove the lock"
          + " only if no smtplog ingest is running", e);
    } catch (LogIndexer.FormatException e) {
      throw new UserError(ExitCodes.INPUT_UNREADABLE, e.getMessage(), e);
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      ProgressBar.clear(progress);
      Optional<UserError> failure = IngestFailure.describe(dir, e);
      if (failure.isPresent()) {
        throw failure.get();
      }
      throw e;
    }
    ProgressBar.clear(progress);
    double seconds = result.took().toNanos() / 1e9;
    long lines = result.ingest().linesRead();
    err.println(String.format(Locale.ROOT,
        "Indexed %s from %s in %.1f s (%,.0f lines/s) into %s: %s, %s, %s, %s%s%s.",
        Plural.of(lines, "line"), Plural.of(result.ingest().files().size(), "file"), seconds,
        seconds > 0 ? lines / seconds : 0.0, dir, Plural.of(result.recipients(), "recipient"),
        Plural.of(result.messages(), "message"), Plural.of(result.sessions(), "session"),
        Plural.of(result.events(), "other event", "other events"),
        result.replayedLines() > 0 ? "; " + Plural.of(result.replayedLines(), "line") + " of stories left open before"
            + " were read again" : "",
        result.skippedBytes() > 0 ? "; " + Plural.of(result.skippedBytes(), "byte") + " read before were skipped"
            : ""));
    return Summaries.report(result.ingest(), input.skipped(), input.strict(), err);
  }

  /** A folder that holds other things than an index is not written into (exit 2): it was named by mistake. */
  private static void refuseForeign(Path dir) throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UserError(ExitCodes.USAGE, dir + " is a file, not the folder of an index; give --index an empty or"
          + " new folder, or the folder of an index");
    }
    Optional<String> foreign = IndexFolder.foreignEntry(dir);
    if (foreign.isPresent()) {
      throw new UserError(ExitCodes.USAGE, dir + " is not an smtplog index: it holds " + foreign.get()
          + ", which an index does not; give --index an empty or new folder, or the folder of an index");
    }
  }
}
