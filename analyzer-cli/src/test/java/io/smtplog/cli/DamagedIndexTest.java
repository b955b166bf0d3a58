package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, section 3: a damaged index (flipped bytes, a file cut short, a file deleted) is named in
 * one line with what to do, never shown as wrong text; {@code index check} finds it and
 * {@code --repair} leaves an index that answers again.
 */
class DamagedIndexTest {
  private static final String FIRST = CliRun.sample("exim/relay-mainlog.log").toString();
  private static final String SECOND = CliRun.sample("postfix/content-filter.log").toString();

  /** Ways a segment file gets damaged. */
  enum Damage {
    FLIPPED_BYTES, CUT_SHORT, DELETED
  }

  private static final String DATA = ".cfs";
  private static final String ENTRIES = ".cfe";

  /** The damaged segment's file of data: the compound file, or its stored fields when it has none. */
  private static String data(Set<String> files) {
    return files.stream().anyMatch(n -> n.endsWith(DATA)) ? DATA : ".fdt";
  }

  /** Two ingests, two commits: the segments the second one wrote are returned (they are damaged below). */
  private static Set<String> twoCommits(Path dir) throws IOException {
    ingest(dir, FIRST);
    Set<String> before = new HashSet<>(names(dir));
    ingest(dir, SECOND);
    Set<String> added = new HashSet<>(names(dir));
    added.removeAll(before);
    // A compound segment, or one whose files are apart (a merge the size of the index writes no compound file).
    added.removeIf(n -> Stream.of(DATA, ENTRIES, ".fdt", ".fnm").noneMatch(n::endsWith));
    if (added.stream().anyMatch(n -> n.endsWith(DATA))) {
      added.removeIf(n -> n.endsWith(".fdt") || n.endsWith(".fnm"));
    }
    assertThat(added).isNotEmpty();
    return added;
  }

  private static void ingest(Path dir, String log) {
    CliRun run = CliRun.run("ingest", "--index", dir.toString(), "--year", "2026", "--timezone", "UTC", log);
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  private static void damage(Path dir, Set<String> files, Damage how) throws IOException {
    String data = data(files);
    String entries = data.equals(DATA) ? ENTRIES : ".fnm";
    for (String name : files) {
      Path file = dir.resolve(name);
      switch (how) {
        case FLIPPED_BYTES -> {
          if (name.endsWith(data)) {
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
              long at = f.length() / 2;
              f.seek(at);
              int b = f.read();
              f.seek(at);
              f.write(b ^ 0x5a);
            }
          }
        }
        case CUT_SHORT -> {
          if (name.endsWith(data)) {
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
              f.setLength(f.length() / 2);
            }
          }
        }
        case DELETED -> {
          if (name.endsWith(entries)) {
            Files.delete(file);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Damage.class)
  void damagedIndex_isOneLineNamingItAndWhatToDo_andCheckRepairs(Damage how, @TempDir Path dir) throws IOException {
    Set<String> second = twoCommits(dir);
    // The first commit's segment, unless Lucene merged it into the second's (then the repair drops both).
    boolean firstKept = names(dir).stream().anyMatch(n -> n.startsWith("_0.") || n.startsWith("_0_"));
    long intact = count(dir, "kind:recipient");
    assertThat(intact).isEqualTo(60);
    damage(dir, second, how);
    String expectedEnd = "run `smtplog index check --index " + dir + "` to see what is lost (with --repair it"
        + " keeps what is intact), or delete it and ingest again";
    for (String[] args : List.of(new String[] {"query", "--index", dir.toString(), "--limit", "0", "--lines", "*"},
        new String[] {"report", "relay", "--index", dir.toString()},
        new String[] {"trace", "--index", dir.toString(), "C5ED320C00A"},
        new String[] {"index", "stats", "--index", dir.toString()})) {
      CliRun run = CliRun.run(args);
      assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.err()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
      assertThat(run.err().lines().toList()).as(String.join(" ", args)).hasSize(1).allSatisfy(line -> assertThat(line)
          .startsWith("smtplog: the index at " + dir + " is damaged (")
          .contains(switch (how) {
            case FLIPPED_BYTES -> data(second);
            case CUT_SHORT -> "a file is cut short: _";
            case DELETED -> "a file is missing: _";
          })
          .endsWith(expectedEnd));
      assertThat(run.out()).doesNotContain("@");
    }

    CliRun check = CliRun.run("index", "check", "--index", dir.toString());
    assertThat(check.exitCode()).as(check.err()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(check.out()).contains("segments   " + segments(dir)).contains("problems   " + segmentsIn(second))
        .contains("The index is damaged: --repair drops the broken segments (");

    CliRun repair = CliRun.run("index", "check", "--repair", "--index", dir.toString());
    assertThat(repair.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(repair.out()).containsPattern("Repaired: the broken segments were dropped, with their [0-9,]+ documents\\."
        + " A later ingest does not read their lines again \\(the index still counts them as read\\)");

    CliRun again = CliRun.run("index", "check", "--index", dir.toString());
    assertThat(again.exitCode()).as(again.out()).isZero();
    assertThat(again.out()).contains("problems   0").contains("The index is intact.");
    // What the first commit wrote and the second did not replace is there; the second's segments are gone.
    long kept = count(dir, "kind:recipient");
    assertThat(kept).isLessThan(intact);
    if (firstKept) {
      assertThat(kept).isGreaterThan(0);
    }
    if (kept == 0) {
      return; // every segment holding recipients was among the damaged ones (Lucene merged the first away)
    }
    CliRun query = CliRun.run("query", "--index", dir.toString(), "--limit", "1", "--lines", "kind:recipient");
    assertThat(query.exitCode()).as(query.err()).isZero();
    assertThat(query.out()).contains("relay-mainlog.log:");
  }

  @Test
  void checkOfAnIntactIndex_saysSo(@TempDir Path dir) {
    ingest(dir, FIRST);
    CliRun check = CliRun.run("index", "check", "--index", dir.toString());
    assertThat(check.exitCode()).isZero();
    assertThat(check.out()).contains("index      " + dir).contains("problems   0").contains("The index is intact.");
  }

  @Test
  void checkWithoutAnIndex_saysThereIsNone(@TempDir Path dir) {
    CliRun check = CliRun.run("index", "check", "--index", dir.resolve("none").toString());
    assertThat(check.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(check.err()).isEqualTo("smtplog: no index at " + dir.resolve("none") + ": nothing to check\n");
  }

  @Test
  void aFolderOfOtherThings_isNoIndex_andIsLeftAsItWas(@TempDir Path dir) throws IOException {
    java.nio.file.Files.writeString(dir.resolve("a.txt"), "x\n");
    CliRun check = CliRun.run("index", "check", "--index", dir.toString());
    assertThat(check.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(check.err()).isEqualTo("smtplog: no index at " + dir + ": nothing to check\n");
    assertThat(names(dir)).containsExactly("a.txt"); // no write.lock left behind
  }

  @Test
  void aDamagedCommit_isNamed_andCannotBeRepaired(@TempDir Path dir) throws IOException {
    ingest(dir, FIRST);
    Path commit = dir.resolve("segments_1");
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(commit.toFile(), "rw")) {
      f.seek(100);
      f.write(new byte[] {'X', 'X'});
    }
    CliRun query = CliRun.run("query", "--index", dir.toString(), "--count", "*");
    assertThat(query.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(query.err()).contains("is damaged").contains("segments_1");
    for (String[] args : List.of(new String[] {"index", "check", "--index", dir.toString()},
        new String[] {"index", "check", "--repair", "--index", dir.toString()})) {
      CliRun check = CliRun.run(args);
      assertThat(check.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
      assertThat(check.out()).contains("the commit segments_1 cannot be read")
          .contains("The index cannot be repaired (its commit cannot be read): delete it and ingest again.");
    }
  }

  private static long count(Path dir, String query) {
    CliRun run = CliRun.run("query", "--index", dir.toString(), "--count", query);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return Long.parseLong(run.out().strip());
  }

  private static long segments(Path dir) throws IOException {
    return names(dir).stream().filter(n -> n.endsWith(".si")).count();
  }

  private static long segmentsIn(Set<String> files) {
    return files.stream().map(n -> n.substring(0, n.indexOf('.'))).distinct().count();
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
