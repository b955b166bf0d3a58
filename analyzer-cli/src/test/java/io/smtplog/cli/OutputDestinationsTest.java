package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: one rule for {@code -o}. With --format csv a new name not ending in .csv is a folder
 * for every report, also relay's one section; a file name suggested for a folder ends as its
 * format does and can be written (missing folders above an output file are created).
 */
class OutputDestinationsTest {
  private static final String LOG = CliRun.sample("postfix/loopback-relay.log").toString();

  @TempDir Path dir;

  @Test
  void csvToANewNameWithoutCsvEnding_isAFolder_forOneSectionToo() throws IOException {
    String csv = CliRun.run("report", "relay", "--format", "csv", LOG).out();
    Path out6 = dir.resolve("out6");
    CliRun relay = CliRun.run("report", "relay", "--format", "csv", "-o", out6.toString(), LOG);
    assertThat(relay.exitCode()).as(relay.err()).isZero();
    assertThat(names(out6)).containsExactly("relay.csv");
    assertThat(Files.readString(out6.resolve("relay.csv"))).isEqualTo(csv).startsWith("domain,");
    Path summary = dir.resolve("summary");
    CliRun one = CliRun.run("report", "summary", "--format", "csv", "--section", "totals", "-o", summary.toString(), LOG);
    assertThat(one.exitCode()).as(one.err()).isZero();
    assertThat(names(summary)).containsExactly("totals.csv");
    // a name ending in .csv, or an existing file, is one file
    Path file = dir.resolve("relay.csv");
    assertThat(CliRun.run("report", "relay", "--format", "csv", "-o", file.toString(), LOG).exitCode()).isZero();
    assertThat(file).isRegularFile();
    assertThat(Files.readString(file)).isEqualTo(csv);
    Path existing = Files.writeString(dir.resolve("existing"), "old\n");
    assertThat(CliRun.run("report", "relay", "--format", "csv", "-o", existing.toString(), LOG).exitCode()).isZero();
    assertThat(Files.readString(existing)).isEqualTo(csv);
  }

  @Test
  void suggestedFileForAFolder_canBeWritten_itsFolderCreated() throws IOException {
    Path out2 = dir.resolve("out2");
    CliRun refused = CliRun.run("report", "relay", "--format", "json", "-o", out2 + "/", LOG);
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err()).isEqualTo("smtplog: -o " + out2 + "/ names a folder, but --format json writes one file:"
        + " name a file (-o " + out2 + "/relay.json), or --format csv for one NAME.csv per section in " + out2 + "/\n");
    CliRun suggested = CliRun.run("report", "relay", "--format", "json", "-o", out2 + "/relay.json", LOG);
    assertThat(suggested.exitCode()).as(suggested.err()).isZero();
    assertThat(Files.readString(out2.resolve("relay.json"))).startsWith("{");
    Path deep = dir.resolve("a/b/sessions.txt");
    CliRun sessions = CliRun.run("sessions", "--year", "2026", "-o", deep.toString(), LOG);
    assertThat(sessions.exitCode()).as(sessions.err()).isZero();
    assertThat(Files.readString(deep)).startsWith("# session ");
    // a file where a folder would be made: refused before reading, naming it
    Path file = Files.writeString(dir.resolve("plain"), "");
    CliRun blocked = CliRun.run("report", "relay", "--format", "json", "-o", file.resolve("relay.json").toString(), LOG);
    assertThat(blocked.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(blocked.err()).isEqualTo("smtplog: cannot write " + file.resolve("relay.json") + ": " + file
        + " is a file, not a folder\n");
  }

  @Test
  void suggestedFileEnding_followsTheFormat() {
    Path out = dir.resolve("out");
    String index = dir.resolve("no-index").toString(); // refused before the index is opened
    assertThat(CliRun.run("sessions", "--format", "json", "-o", out + "/", LOG).err())
        .isEqualTo("smtplog: -o " + out + "/ names a folder, but smtplog sessions writes one file: name a file (-o "
            + out + "/sessions.json)\n");
    assertThat(CliRun.run("sessions", "-o", out + "/", LOG).err()).contains("(-o " + out + "/sessions.txt)");
    assertThat(CliRun.run("query", "--index", index, "--format", "json", "-o", out + "/", "*").err())
        .isEqualTo("smtplog: -o " + out + "/ names a folder, but smtplog query writes one file: name a file (-o "
            + out + "/query.json)\n");
    assertThat(CliRun.run("query", "--index", index, "--format", "ndjson", "-o", out + "/", "*").err()).contains("(-o " + out + "/query.ndjson)");
    assertThat(CliRun.run("query", "--index", index, "-o", out + "/", "*").err()).contains("(-o " + out + "/query.txt)");
    assertThat(CliRun.run("trace", "--format", "json", "-o", out + "/", "X", LOG).err())
        .contains("(-o " + out + "/trace.json)");
    assertThat(CliRun.run("report", "relay", "--format", "prometheus", "-o", out + "/", LOG).err())
        .contains("(-o " + out + "/relay.prom)");
    assertThat(out).doesNotExist();
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
