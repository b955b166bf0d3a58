package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.UserError;
import io.smtplog.core.follow.FollowListener;
import io.smtplog.core.follow.Follower;
import io.smtplog.core.index.IndexStore;
import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.outcome.OutcomeListener;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.report.format.SafeText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What {@code smtplog follow} and {@code smtplog serve --follow} share: the inputs to follow, checked;
 * the timing options; the follower opened on the local index, with errors a person can act on.
 */
public final class Following {
  /** How long a stop (SIGTERM, Ctrl-C) waits for the last round and the last commit. */
  public static final Duration STOP_PATIENCE = Duration.ofSeconds(60);

  private Following() {}

  /** {@code --poll} and {@code --commit-every}, a mixin of both commands. */
  public static final class Timing {
    @Option(names = "--poll", paramLabel = "MS",
        description = "How often to look for new lines, in milliseconds. Default: ${DEFAULT-VALUE}.")
    long pollMillis = Follower.Options.DEFAULT_POLL.toMillis();

    @Option(names = "--commit-every", paramLabel = "SECONDS",
        description = "Commit the index at most this often while lines come (queries see them then); 0 after"
            + " every round that read something. Default: ${DEFAULT-VALUE}.")
    double commitSeconds = Follower.Options.DEFAULT_COMMIT_EVERY.toSeconds();

    /** True when either option was changed from its default (serve allows them only with --follow). */
    public boolean changed() {
      return pollMillis != Follower.Options.DEFAULT_POLL.toMillis()
          || commitSeconds != Follower.Options.DEFAULT_COMMIT_EVERY.toSeconds();
    }

    public Follower.Options options() {
      if (pollMillis < 1 || pollMillis > Duration.ofHours(1).toMillis()) {
        throw new UserError(ExitCodes.USAGE, "--poll " + pollMillis + ": give milliseconds from 1 to 3600000");
      }
      if (!(commitSeconds >= 0) || commitSeconds > Duration.ofDays(1).toSeconds()) {
        throw new UserError(ExitCodes.USAGE, "--commit-every " + commitSeconds + ": give seconds from 0 to 86400");
      }
      return new Follower.Options(Duration.ofMillis(pollMillis), Duration.ofNanos((long) (commitSeconds * 1e9)));
    }
  }

  /** The inputs to follow: files (which may not exist yet), and standard input when {@code -} was named. */
  public record Inputs(List<Path> paths, boolean stdin, List<String> names) {
    public Inputs {
      paths = List.copyOf(paths);
      names = List.copyOf(names);
    }
  }

  /** The names given, checked: files, not folders nor patterns the shell did not expand; {@code -} at most once. */
  public static Inputs inputs(List<String> names) {
    List<Path> paths = new ArrayList<>();
    boolean stdin = false;
    for (String name : names) {
      if (name.equals(LogInput.STDIN)) {
        if (stdin) {
          throw new UserError(ExitCodes.USAGE, "- is given twice: standard input can be followed once");
        }
        stdin = true;
      } else {
        paths.add(followable(name));
      }
    }
    return new Inputs(paths, stdin, names);
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

  /**
   * Opens a follower of {@code inputs} on the local index at {@code dir} (made when missing; a folder
   * that holds something else is refused), saying on {@code err} which files it waits for.
   */
  public static Follower open(Path dir, Inputs inputs, ReadOptions read, Follower.Options options,
      OutcomeListener fresh, FollowListener listener, PrintWriter err) throws IOException {
    IngestCommand.refuseForeign(dir);
    Files.createDirectories(dir);
    for (Path path : inputs.paths()) {
      if (!Files.exists(path)) {
        err.println(SafeText.stripControls("Waiting for " + path + ", which does not exist yet."));
      }
    }
    IndexStore store;
    try {
      store = IndexStore.local(dir);
    } catch (LogIndexer.LockedException e) {
      throw new UserError(ExitCodes.INPUT_UNREADABLE, e.getMessage() + "; stop it first (one writer at a time),"
          + " or remove the lock only if no smtplog ingest or follow is running", e);
    }
    try {
      return Follower.open(store, inputs.paths(), inputs.stdin(), read, options, fresh, listener);
    } catch (LogIndexer.FormatException e) {
      store.close();
      throw new UserError(ExitCodes.INPUT_UNREADABLE, e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** A failure of a running follower as a person reads it, when it is one (a full disk, a damaged index). */
  public static Optional<UserError> describe(Path dir, Throwable failure) {
    return IngestFailure.describe(dir, failure);
  }
}
