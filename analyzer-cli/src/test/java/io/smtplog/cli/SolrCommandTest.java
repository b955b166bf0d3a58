package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.solr.SolrSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SolrCommandTest {
  @Test
  void configset_writesTheGeneratedSchemaAndConfig(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("smtplog-configset");
    CliRun run = CliRun.run("solr", "configset", "--output", dir.toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(dir + ": managed-schema.xml and solrconfig.xml (schema smtplog-format-5: "
        + SolrSchema.fields().size() + " fields, 64 of them internal)\n");
    assertThat(Files.readString(dir.resolve("managed-schema.xml"))).isEqualTo(SolrSchema.managedSchemaXml());
    assertThat(Files.readString(dir.resolve("solrconfig.xml"))).contains("<luceneMatchVersion>9.12</luceneMatchVersion>");
  }

  @Test
  void configset_needsAFolder(@TempDir Path tmp) throws Exception {
    CliRun missing = CliRun.run("solr", "configset");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).isEqualTo("smtplog: --output DIR is required: 'smtplog solr configset --help' shows what to"
        + " give\n");
    Path file = Files.writeString(tmp.resolve("file"), "x");
    CliRun onFile = CliRun.run("solr", "configset", "-o", file.toString());
    assertThat(onFile.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(onFile.err()).isEqualTo("smtplog: --output " + file + " is a file, not a folder\n");
  }

  @Test
  void aSolrFailure_isItsOneLine_exit3() {
    UserError e = UserMessageHandler.describe(new io.smtplog.solr.SolrAccessException(
        "collection mail does not exist on zk://localhost:9983 (collections: none): create it"));
    assertThat(e.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(e.getMessage()).isEqualTo("collection mail does not exist on zk://localhost:9983 (collections: none): create it");
  }

  @Test
  void help_showsTheThreeCommandsOfARealCluster() {
    CliRun help = CliRun.run("solr", "configset", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("  bin/solr start -c\n",
        "  bin/solr zk upconfig -n smtplog -d smtplog-configset -z localhost:9983\n",
        "  bin/solr create -c mail -n smtplog -shards 2\n");
  }
}
