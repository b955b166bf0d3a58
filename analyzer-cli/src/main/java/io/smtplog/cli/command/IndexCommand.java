package io.smtplog.cli.command;

import io.smtplog.cli.option.IndexOptions;
import io.smtplog.core.index.IndexSearch;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code smtplog index stats}: what the index holds. */
@Command(name = "index", mixinStandardHelpOptions = true, description = "About the local index.",
    subcommands = {IndexCommand.Stats.class, IndexBenchCommand.class})
public final class IndexCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return io.smtplog.cli.ExitCodes.USAGE;
  }

  /** Documents by kind, time range, lines, size on disk, counts per mta and per recipient status. */
  @Command(name = "stats", mixinStandardHelpOptions = true,
      description = "Documents by kind, time range, lines stored, size on disk, recipients per mta and status.")
  public static final class Stats implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin IndexOptions index;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      try (IndexSearch search = QueryCommand.open(index.dir())) {
        IndexSearch.Stats s = search.stats();
        out.printf(Locale.ROOT, "index         %s%n", index.dir());
        out.printf(Locale.ROOT, "documents     %,d%n", s.documents());
        s.byKind().forEach((k, v) -> out.printf(Locale.ROOT, "  %-22s %,12d%n", k, v));
        out.printf(Locale.ROOT, "time range    %s to %s%n",
            s.first().map(t -> t.atOffset(ZoneOffset.UTC).toString()).orElse("-"),
            s.last().map(t -> t.atOffset(ZoneOffset.UTC).toString()).orElse("-"));
        out.printf(Locale.ROOT, "lines         %,d in %,d chunks%n", s.lines(), s.chunks());
        out.printf(Locale.ROOT, "open stories  %,d lines, read again by the next ingest%n", s.openStories());
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
}
