package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.Manual;
import io.smtplog.cli.UserError;
import io.smtplog.cli.option.Completions;
import io.smtplog.cli.option.IndexOptions;
import io.smtplog.cli.option.ReadingOptions;
import io.smtplog.core.follow.FollowCycle;
import io.smtplog.core.follow.Follower;
import io.smtplog.core.model.Plural;
import io.smtplog.core.outcome.OutcomeListener;
import io.smtplog.core.report.format.SafeText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
        "  journalctl -f -n all -o json -u postfix@- | smtplog follow --index /var/lib/smtplog/index -"})
public final class FollowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOptions index;
  @Mixin ReadingOptions reading;
  @Mixin Following.Timing timing;

  @Parameters(paramLabel = "INPUT", arity = "1..*", type = Path.class, converter = Completions.AsTyped.class,
      description = "Log files to follow (they may not exist yet), or - for standard input. Not folders: name the"
          + " log file in it.")
  List<String> inputs;

  @Override
  public Integer call() throws IOException {
    if (reading.strict()) {
      throw new UserError(ExitCodes.USAGE, "--strict does not apply to follow: it never reaches the end of its"
          + " inputs, where --strict decides; the lines it cannot use are counted when it stops");
    }
    Follower.Options options = timing.options();
    Following.Inputs followed = Following.inputs(inputs);
    Path dir = index.dir();
    PrintWriter err = spec.commandLine().getErr();
    Totals totals = new Totals();
    OutcomeListener fresh = OutcomeListener.of(outcome -> {
      if (outcome instanceof io.smtplog.core.outcome.RecipientOutcome) {
        totals.recipients.incrementAndGet();
      }
    }, false);
    Follower follower = Following.open(dir, followed, reading.readOptions(), options, fresh, totals::add, err);
    err.println(SafeText.stripControls(String.format(Locale.ROOT, "Following %s into %s; Ctrl-C stops.",
        Plural.of(inputs.size(), "input"), dir)));
    err.flush();
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      follower.stop();
      try {
        finished.await(Following.STOP_PATIENCE.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "smtplog-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      follower.run();
    } catch (IOException | RuntimeException e) {
      Optional<UserError> failure = Following.describe(dir, e);
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
