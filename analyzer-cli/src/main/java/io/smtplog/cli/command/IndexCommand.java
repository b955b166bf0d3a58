package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.ReadsIndex;
import io.smtplog.cli.UserError;
import io.smtplog.cli.option.IndexOptions;
import io.smtplog.core.index.IndexCheck;
import io.smtplog.core.index.IndexView;
import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.model.Plural;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code smtplog index stats}: what the index holds; {@code smtplog index check}: whether it is intact. */
@Command(name = "index", mixinStandardHelpOptions = true,
    header = "Shows what the local index holds, or checks it.",
    description = "The index is the Lucene folder that smtplog ingest writes and smtplog query, trace and the"
        + " reports with --index read: stats counts what it holds, check reads all of it and says whether it is"
        + " intact.",
    subcommands = {IndexCommand.Stats.class, IndexCommand.Check.class, IndexBenchCommand.class,
        HelpCommand.Nested.class})
public final class IndexCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return io.smtplog.cli.ExitCodes.USAGE;
  }

  /** Documents by kind, time range, lines, size on disk, counts per mta and per recipient status. */
  @Command(name = "stats", mixinStandardHelpOptions = true,
      header = "Counts the documents of the index by kind, time, mta and status.",
      description = "Documents by kind, time range, lines stored, size on disk, recipients per mta and status.")
  public static final class Stats implements Callable<Integer>, ReadsIndex {
    @Spec CommandSpec spec;
    @Mixin IndexOptions index;

    @Override
    public java.util.Optional<Path> indexDir() {
      return java.util.Optional.of(index.dir());
    }

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      try (IndexView search = IndexViews.open(index.dir())) {
        IndexView.Stats s = search.stats();
        out.printf(Locale.ROOT, "index         %s%n", index.dir());
        out.printf(Locale.ROOT, "documents     %,d%n", s.documents());
        s.byKind().forEach((k, v) -> out.printf(Locale.ROOT, "  %-22s %,12d%n", k, v));
        out.printf(Locale.ROOT, "time range    %s to %s%n",
            s.first().map(t -> t.atOffset(ZoneOffset.UTC).toString()).orElse("-"),
            s.last().map(t -> t.atOffset(ZoneOffset.UTC).toString()).orElse("-"));
        out.printf(Locale.ROOT, "lines         %,d in %s%n", s.lines(), Plural.of(s.chunks(), "chunk"));
        out.printf(Locale.ROOT, "open stories  %s, read again by the next ingest%n", Plural.of(s.openStories(), "line"));
        out.printf(Locale.ROOT, "size on disk  %,d bytes (%,.1f MB, %,.1f MB per million lines)%n", s.bytesOnDisk(),
            s.bytesOnDisk() / 1e6, s.lines() == 0 ? 0.0 : s.bytesOnDisk() / 1e6 / (s.lines() / 1e6));
        print(out, "by mta", s.byMta());
        print(out, "recipients by status", s.byStatus());
        out.flush();
      }
      return io.smtplog.cli.ExitCodes.OK;
    }

    private static void print(PrintWriter out, String title, Map<String, Long> counts) {
      out.println(title);
      counts.forEach((k, v) -> out.printf(Locale.ROOT, "  %-22s %,12d%n", k, v));
    }
  }

  /** Lucene's CheckIndex over the index: segments, documents, problems; {@code --repair} drops the broken segments. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      header = "Checks every file and segment of the index, and repairs it on request.",
      description = {"Checks every file of the index (checksums) and reads every segment through (Lucene's CheckIndex).",
          "Exit 0 when it is intact, 3 when it is damaged (or was repaired)."})
  public static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin IndexOptions index;

    @Option(names = "--repair", description = "Drop the segments that fail, losing their documents, so the rest can be"
        + " read again.")
    boolean repair;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      Path dir = index.dir();
      IndexCheck.Result r;
      try {
        r = IndexCheck.check(dir, repair).orElseThrow(() -> new UserError(ExitCodes.INPUT_UNREADABLE,
            "no index at " + dir + ": nothing to check"));
      } catch (LogIndexer.LockedException e) {
        throw new UserError(ExitCodes.INPUT_UNREADABLE, e.getMessage() + "; check it when the ingest has ended", e);
      }
      out.printf(Locale.ROOT, "index      %s%n", dir);
      out.printf(Locale.ROOT, "segments   %,d%n", r.segments());
      out.printf(Locale.ROOT, "documents  %,d%n", r.documents());
      out.printf(Locale.ROOT, "problems   %,d%n", r.problems().size());
      r.problems().forEach(p -> out.println("  " + p));
      if (r.isClean()) {
        out.println("The index is intact.");
      } else if (r.repaired()) {
        out.printf(Locale.ROOT, "Repaired: the broken segments were dropped, with their %,d documents. A later ingest"
            + " does not read their lines again (the index still counts them as read): to have everything again,"
            + " delete the index and ingest the logs again.%n", r.lostDocuments());
      } else if (r.segments() == 0) {
        out.println("The index cannot be repaired (its commit cannot be read): delete it and ingest again.");
      } else {
        out.printf(Locale.ROOT, "The index is damaged: --repair drops the broken segments (%,d documents lost), or"
            + " delete it and ingest again.%n", r.lostDocuments());
      }
      out.flush();
      return r.isClean() ? ExitCodes.OK : ExitCodes.INPUT_UNREADABLE;
    }
  }
}
