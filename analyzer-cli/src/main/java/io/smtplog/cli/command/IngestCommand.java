package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.Manual;
import io.smtplog.cli.UserError;
import io.smtplog.cli.option.IndexOptions;
import io.smtplog.cli.option.InputOptions;
import io.smtplog.cli.option.SolrOptions;
import io.smtplog.core.report.format.SafeText;
import io.smtplog.core.index.IndexFolder;
import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.model.Plural;
import io.smtplog.core.pipeline.ReadOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code smtplog ingest}: logs and transcripts into the local index, or a SolrCloud collection, incrementally. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    header = "Reads logs and transcripts into the local index (or SolrCloud), for smtplog query and trace.",
    description = {"Reads logs and transcripts (as the reports do) into a local Lucene index for `smtplog query`,"
        + " or with --solr into a SolrCloud collection made from the configset of `smtplog solr configset`.",
        "Incremental: a file read before adds only its new lines; a rotated or compressed copy is recognised.",
        "Into Solr, each host ships its own logs under its --source name (its positions are kept in the collection),"
        + " so several can ingest into one collection at once; a re-run after a failure adds nothing twice: for instance"
        + " smtplog ingest --solr zk://zk1:2181/mail /var/log/mail.log"},
    footerHeading = Manual.EXAMPLES_HEADING,
    footer = {"The bundled logs and transcripts into an index:",
        "  smtplog ingest --index /tmp/idx sample-logs/postfix sample-logs/exim sample-logs/transcripts"})
public final class IngestCommand implements Callable<Integer> {
  /** The longest --source name: it is in every document's id and in the state document's. */
  static final int SOURCE_MAX_LENGTH = 64;
  /** How long an ingest into Solr waits for a cluster that does not take its documents, by default. */
  static final long DEFAULT_PATIENCE_SECONDS = 120;

  @Spec CommandSpec spec;
  @Mixin InputOptions input;
  @Mixin IndexOptions index;
  @Mixin SolrOptions solr;

  @Option(names = "--source", paramLabel = "NAME",
      description = "With --solr: the name this host's documents and positions go under in the collection"
          + " (at most " + SOURCE_MAX_LENGTH + " printable characters, no spaces). Default: this machine's host name.")
  String source;

  @Option(names = "--solr-patience", paramLabel = "SECONDS",
      description = "With --solr: how long to retry (with growing waits) while the cluster does not take documents"
          + " (a node restarting) before giving up. Default: " + DEFAULT_PATIENCE_SECONDS + ".")
  Long patienceSeconds;

  @Override
  public Integer call() throws IOException {
    checkTarget();
    List<LogInput> inputs = input.resolve();
    ReadOptions options = input.readOptions();
    if (solr.given()) {
      return intoSolr(inputs, options);
    }
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
    return summary(result, dir.toString(), err);
  }

  /** {@code --solr} or {@code --index}, not both; the Solr options only with --solr; a sound --source. */
  private void checkTarget() {
    if (solr.given() && index.given()) {
      throw new UserError(ExitCodes.USAGE, "--solr and --index exclude each other: give --solr URL to ingest into"
          + " SolrCloud, or --index DIR for the local index");
    }
    if (!solr.given() && (source != null || patienceSeconds != null)) {
      throw new UserError(ExitCodes.USAGE, (source != null ? "--source" : "--solr-patience")
          + " applies only with --solr URL");
    }
    if (source != null) {
      checkSource(source);
    }
    if (patienceSeconds != null && patienceSeconds < 0) {
      throw new UserError(ExitCodes.USAGE, "--solr-patience " + patienceSeconds + ": give a number of seconds, 0 or more");
    }
  }

  /** A source name: non-empty, short, printable and without spaces (it names documents and a state document). */
  static void checkSource(String name) {
    boolean printable = name.codePoints().allMatch(c -> !Character.isISOControl(c) && !Character.isWhitespace(c)
        && Character.isDefined(c) && Character.getType(c) != Character.FORMAT);
    if (name.isEmpty() || !printable || name.length() > SOURCE_MAX_LENGTH) {
      throw new UserError(ExitCodes.USAGE, "--source '" + SafeText.stripControls(name) + "': give a name of 1 to "
          + SOURCE_MAX_LENGTH + " printable characters without spaces (a host name, say)");
    }
  }

  private Integer intoSolr(List<LogInput> inputs, ReadOptions options) throws IOException {
    String name = source != null ? source : HostName.of();
    PrintWriter err = spec.commandLine().getErr();
    LongConsumer progress = ProgressBar.forInputs(err, inputs);
    Duration patience = Duration.ofSeconds(patienceSeconds != null ? patienceSeconds : DEFAULT_PATIENCE_SECONDS);
    SolrIngest.Done done = SolrIngest.run(solr, name, patience, inputs, options, progress, err);
    ProgressBar.clear(progress);
    return summary(done.result(), done.where(), err);
  }

  /** The line that says what was read and written, then the inputs' problems (as the reports show them). */
  private Integer summary(LogIndexer.Result result, String where, PrintWriter err) {
    double seconds = result.took().toNanos() / 1e9;
    long lines = result.ingest().linesRead();
    err.println(String.format(Locale.ROOT,
        "Indexed %s from %s in %.1f s (%,.0f lines/s) into %s: %s, %s, %s, %s%s%s.",
        Plural.of(lines, "line"), Plural.of(result.ingest().files().size(), "file"), seconds,
        seconds > 0 ? lines / seconds : 0.0, where, Plural.of(result.recipients(), "recipient"),
        Plural.of(result.messages(), "message"), Plural.of(result.sessions(), "session"),
        Plural.of(result.events(), "other event", "other events"),
        result.replayedLines() > 0 ? "; " + Plural.of(result.replayedLines(), "line") + " of stories left open before"
            + " were read again" : "",
        result.skippedBytes() > 0 ? "; " + Plural.of(result.skippedBytes(), "byte") + " read before were skipped"
            : ""));
    return Summaries.report(result.ingest(), input.skipped(), input.strict(), err);
  }

  /** A folder that holds other things than an index is not written into (exit 2): it was named by mistake. */
  static void refuseForeign(Path dir) throws IOException {
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
