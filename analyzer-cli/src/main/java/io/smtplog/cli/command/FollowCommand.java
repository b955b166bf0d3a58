package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.Manual;
import io.smtplog.cli.UserError;
import io.smtplog.cli.option.Completions;
import io.smtplog.cli.option.IndexOptions;
import io.smtplog.cli.option.ReadingOptions;
import io.smtplog.core.follow.FollowCycle;
import io.smtplog.core.follow.Follower;
import io.smtplog.core.index.IndexStore;
import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.model.Plural;
import io.smtplog.core.outcome.OutcomeListener;
import io.smtplog.core.report.format.SafeText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code smtplog follow}: logs read as they are written, into the local index, until stopped. */
@Command(name = "follow", mixinStandardHelpOptions = true,
    header = "Follows logs as they are written, as tail -F does, into the local index, until stopped.",
    description = {"Reads what the files hold, then the lines appended to them, into the local index (as smtplog"
        + " ingest does, committed every few seconds, so queries see new lines quickly). Survives rotation by"
        + " rename (the rest of mail.log.1 is read, then the new mail.log), by copy and truncate, a compressed"
        + " rotation appearing beside the file, truncation, and a file that disappears and comes back (a missing"
        + " file is waited for). Rotated files that were never read are left alone.",
        "Restarted, even after kill -9, it goes on where the last commit stopped: nothing lost, nothing twice."
        + " - follows standard input (journalctl -f -o json | smtplog follow -). SIGTERM or Ctrl-C stops it"
        + " cleanly: the stories still open are written as they stand (provisional), as after an ingest."},
    footerHeading = Manual.EXAMPLES_HEADING,
    footer = {"The mail log into the default index, until stopped (an example the manual's test does not run):",
        "  smtplog follow /var/log/mail.log",
        "A host without a syslog daemon (Debian 12 logs Postfix to the journal only):",
        "  journalctl -f -o json -u postfix@- | smtplog follow --index /var/lib/smtplog/index -"})
public final class FollowCommand implements Callable<Integer> {
  /** How long a stop (SIGTERM, Ctrl-C) waits for the last round and the last commit. */
  static final Duration STOP_PATIENCE = Duration.ofSeconds(60);

  @Spec CommandSpec spec;
  @Mixin IndexOptions index;
  @Mixin ReadingOptions reading;

  @Parameters(paramLabel = "INPUT", arity = "1..*", type = Path.class, converter = Completions.AsTyped.class,
      description = "Log files to follow (they may not exist yet), or - for standard input. Not folders: name the"
          + " log file in it.")
  List<String> inputs;

  @Option(names = "--poll", paramLabel = "MS",
      description = "How often to look for new lines, in milliseconds. Default: ${DEFAULT-VALUE}.")
  long pollMillis = Follower.Options.DEFAULT_POLL.toMillis();

  @Option(names = "--commit-every", paramLabel = "SECONDS",
      description = "Commit the index at most this often while lines come (queries see them then); 0 after"
          + " every round that read something. Default: ${DEFAULT-VALUE}.")
  double commitSeconds = Follower.Options.DEFAULT_COMMIT_EVERY.toSeconds();

  @Override
  public Integer call() throws IOException {
    if (reading.strict()) {
      throw new UserError(ExitCodes.USAGE, "--strict does not apply to follow: it never reaches the end of its"
          + " inputs, where --strict decides; the lines it cannot use are counted when it stops");
    }
    Follower.Options options = options();
    List<Path> paths = new ArrayList<>();
    boolean stdin = false;
    for (String name : inputs) {
      if (name.equals(LogInput.STDIN)) {
        if (stdin) {
          throw new UserError(ExitCodes.USAGE, "- is given twice: standard input can be followed once");
        }
        stdin = true;
      } else {
        paths.add(followable(name));
      }
    }
    Path dir = index.dir();
    IngestCommand.refuseForeign(dir);
    Files.createDirectories(dir);
    PrintWriter err = spec.commandLine().getErr();
    for (Path path : paths) {
      if (!Files.exists(path)) {
        err.println(SafeText.stripControls("Waiting for " + path + ", which does not exist yet."));
      }
    }
    Totals totals = new Totals();
    Follower follower = open(dir, paths, stdin, options, totals);
    err.println(SafeText.stripControls(String.format(Locale.ROOT, "Following %s into %s; Ctrl-C stops.",
        Plural.of(inputs.size(), "input"), dir)));
    err.flush();
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      follower.stop();
      try {
        finished.await(STOP_PATIENCE.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "smtplog-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      follower.run();
    } catch (IOException | RuntimeException e) {
      Optional<UserError> failure = IngestFailure.describe(dir, e);
      if (failure.isPresent()) {
        throw failure.get();
      }
      throw e;
    } finally {
      try {
        follower.close();
      } finally {
        err.println(String.format(Locale.ROOT, "Stopped: read %s in %s; %s; %s of the index's stories read again"
            + " at the start.", Plural.of(totals.lines.get(), "line"), Plural.of(totals.rounds.get(), "round"),
            Plural.of(totals.recipients.get(), "recipient outcome"), Plural.of(follower.replayedLines(), "line")));
        err.flush();
        finished.countDown();
        removeHook(hook);
      }
    }
    return ExitCodes.OK;
  }

  private Follower.Options options() {
    if (pollMillis < 1 || pollMillis > Duration.ofHours(1).toMillis()) {
      throw new UserError(ExitCodes.USAGE, "--poll " + pollMillis + ": give milliseconds from 1 to 3600000");
    }
    if (!(commitSeconds >= 0) || commitSeconds > Duration.ofDays(1).toSeconds()) {
      throw new UserError(ExitCodes.USAGE, "--commit-every " + commitSeconds + ": give seconds from 0 to 86400");
    }
    return new Follower.Options(Duration.ofMillis(pollMillis), Duration.ofNanos((long) (commitSeconds * 1e9)));
  }

  /** A file name to follow: not a folder (its files come and go), not a pattern the shell did not expand. */
  private static Path followable(String name) {
    Path path = Path.of(name);
    if (Files.isDirectory(path)) {
      throw new UserError(ExitCodes.USAGE, SafeText.stripControls(name + " is a folder: follow reads files as they"
          + " grow; name the log file in it (smtplog follow " + path.resolve("mail.log") + ")"));
    }
    if (!Files.exists(path) && name.chars().anyMatch(c -> c == '*' || c == '?' || c == '[')) {
      throw new UserError(ExitCodes.USAGE, SafeText.stripControls(name + " matches no file: follow waits for files"
          + " by name, not by pattern; name each log file"));
    }
    return path;
  }

  private Follower open(Path dir, List<Path> paths, boolean stdin, Follower.Options options, Totals totals)
      throws IOException {
    OutcomeListener fresh = OutcomeListener.of(outcome -> {
      if (outcome instanceof io.smtplog.core.outcome.RecipientOutcome) {
        totals.recipients.incrementAndGet();
      }
    }, false);
    IndexStore store;
    try {
      store = IndexStore.local(dir);
    } catch (LogIndexer.LockedException e) {
      throw new UserError(ExitCodes.INPUT_UNREADABLE, e.getMessage() + "; stop it first (one writer at a time),"
          + " or remove the lock only if no smtplog ingest or follow is running", e);
    }
    try {
      return Follower.open(store, paths, stdin, reading.readOptions(), options, fresh, totals::add);
    } catch (LogIndexer.FormatException e) {
      store.close();
      throw new UserError(ExitCodes.INPUT_UNREADABLE, e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook is running, and returns now that the follower finished
    }
  }

  /** What the rounds read in all, for the line said at the end. */
  private static final class Totals {
    final AtomicLong lines = new AtomicLong();
    final AtomicLong rounds = new AtomicLong();
    final AtomicLong recipients = new AtomicLong();

    void add(FollowCycle cycle) {
      lines.addAndGet(cycle.linesRead());
      rounds.incrementAndGet();
    }
  }
}
