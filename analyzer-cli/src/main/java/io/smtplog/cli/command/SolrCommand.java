package io.smtplog.cli.command;

import io.smtplog.cli.ExitCodes;
import io.smtplog.cli.Manual;
import io.smtplog.cli.UserError;
import io.smtplog.core.index.IndexFields;
import io.smtplog.core.report.format.SafeText;
import io.smtplog.solr.SolrConfigset;
import io.smtplog.solr.SolrSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code smtplog solr configset}: what a SolrCloud collection for smtplog is made from. */
@Command(name = "solr", mixinStandardHelpOptions = true,
    header = "Prepares a SolrCloud cluster for smtplog (--solr).",
    description = "The commands that take --solr URL work on a SolrCloud collection instead of the local index;"
        + " configset writes what such a collection is made from.",
    subcommands = {SolrCommand.Configset.class, HelpCommand.Nested.class})
public final class SolrCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** Writes managed-schema.xml and solrconfig.xml, generated from the index's field table. */
  @Command(name = "configset", mixinStandardHelpOptions = true,
      header = "Writes the configset of smtplog's collections, to upload to ZooKeeper.",
      description = {"Writes managed-schema.xml (every field of the index, generated from the same table as the"
          + " local index's) and solrconfig.xml into DIR. Upload it to ZooKeeper once, then create collections"
          + " from it; smtplog refuses a collection made from another configset, or from the configset of"
          + " another smtplog version's document format."},
      footerHeading = Manual.EXAMPLES_HEADING,
      footer = {"The configset, uploaded to a SolrCloud, and a collection of 2 shards made from it:",
          "  smtplog solr configset --output smtplog-configset",
          "  bin/solr start -c",
          "  bin/solr zk upconfig -n smtplog -d smtplog-configset -z localhost:9983",
          "  bin/solr create -c mail -n smtplog -shards 2"})
  public static final class Configset implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
        description = "The folder to write managed-schema.xml and solrconfig.xml into (made if missing; the two"
            + " files are replaced).")
    Path output;

    @Override
    public Integer call() {
      String shown = SafeText.stripControls(output.toString());
      if (Files.exists(output) && !Files.isDirectory(output)) {
        throw new UserError(ExitCodes.USAGE, "--output " + shown + " is a file, not a folder");
      }
      try {
        SolrConfigset.write(output);
      } catch (FileAlreadyExistsException e) {
        throw new UserError(ExitCodes.INPUT_UNREADABLE, "cannot make the folder " + shown + ": "
            + SafeText.stripControls(e.getFile()) + " is a file", e);
      } catch (IOException e) {
        throw new UserError(ExitCodes.INPUT_UNREADABLE, "cannot write the configset to " + shown + ": "
            + io.smtplog.cli.Failures.reason(e), e);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%s: %s and %s (schema %s: %d fields, %d of them internal)%n", shown, SolrConfigset.SCHEMA_FILE,
          SolrConfigset.CONFIG_FILE, SolrSchema.NAME, SolrSchema.fields().size(), SolrSchema.fields().size()
              - IndexFields.all().size());
      out.flush();
      return ExitCodes.OK;
    }
  }
}
