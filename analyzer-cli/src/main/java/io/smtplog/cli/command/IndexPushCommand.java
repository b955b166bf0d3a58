package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.Manual;
import io.smtplog.cli.UserError;
import io.smtplog.cli.option.IndexOptions;
import io.smtplog.cli.option.SolrOptions;
import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.model.Plural;
import io.smtplog.core.pipeline.ReadOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code smtplog index push}: a local index into a SolrCloud collection, for the day one machine is
 * outgrown. The documents are made again from the index's stored lines by the same correlation, so
 * they are those an ingest of the same logs with {@code --solr} writes; its positions go too, so an
 * ingest with {@code --solr} goes on where the local index stopped.
 */
@Command(name = "push", mixinStandardHelpOptions = true,
    header = "Sends the local index to a SolrCloud collection.",
    description = {"Sends the local index (--index) to the collection of --solr: its stored lines, the documents made"
        + " again from them (the same as an ingest of the same logs with --solr writes) and the positions it read to,"
        + " so that smtplog ingest --solr goes on where the local index stopped.",
        "The documents go under --source (default: this machine's name); a source that has ingested into the"
            + " collection already is refused."},
    footerHeading = Manual.EXAMPLES_HEADING,
    footer = {"The index of ~/.local/share/smtplog/index into the collection mail:",
        "  smtplog index push --solr zk://zk1:2181/solr/mail"})
public final class IndexPushCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexOptions index;
  @Mixin SolrOptions solr;

  @Option(names = "--source", paramLabel = "NAME",
      description = "The name the documents and positions go under in the collection (at most "
          + IngestCommand.SOURCE_MAX_LENGTH + " printable characters, no spaces). Default: this machine's host name.")
  String source;

  @Override
  public Integer call() throws IOException {
    if (!solr.given()) {
      throw new UserError(ExitCodes.USAGE, "index push needs --solr URL: the collection to send the index to");
    }
    Path dir = index.dir();
    if (!Files.isDirectory(dir)) {
      throw new UserError(ExitCodes.INPUT_UNREADABLE, "no index at " + dir + ": nothing to push (give --index DIR)");
    }
    PrintWriter err = spec.commandLine().getErr();
    LogIndexer.Result result = SolrPush.push(dir, solr, source, ReadOptions.defaults());
    double seconds = result.took().toNanos() / 1e9;
    err.println(String.format(Locale.ROOT, "Pushed %s to %s in %.1f s: %s, %s, %s, %s.", dir, solr.url(), seconds,
        Plural.of(result.recipients(), "recipient"), Plural.of(result.messages(), "message"),
        Plural.of(result.sessions(), "session"), Plural.of(result.events(), "other event", "other events")));
    return ExitCodes.OK;
  }
}
