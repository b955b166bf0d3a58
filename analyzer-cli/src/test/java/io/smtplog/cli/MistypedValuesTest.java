package io.smtplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: a mistyped value gets the help a mistyped option gets. One line on standard error with
 * the nearest value and the values there are, for picocli's value errors, query fields, sort and
 * facet fields, and the values of a field of a few values; "(0 hits)" for a query that found
 * nothing; exit 5 (not 3, an unreadable input) for a trace that found nothing.
 */
class MistypedValuesTest {
  private static final String LOG = CliRun.sample("postfix/loopback-relay.log").toString();

  @TempDir static Path index;

  @BeforeAll
  static void ingest() {
    CliRun run = CliRun.run("ingest", "--index", index.toString(), "--year", "2026", "--timezone", "UTC",
        "--transcript-time", "2026-11-29T12:00", LOG, CliRun.sample("transcripts/telnet-sink.transcript").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  private static CliRun query(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "query";
    all[1] = "--index";
    all[2] = index.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return CliRun.run(all);
  }

  @Test
  void reportFormat_cvs_suggestsCsv_inOneLine() {
    CliRun run = CliRun.run("report", "relay", "--format", "cvs", LOG);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(
        "smtplog: --format cvs: not a format; did you mean csv? (table, csv, json, html, prometheus)\n");
  }

  @Test
  void enumValues_areListed_withoutPicocliWording_andReadInAnyCase() {
    CliRun by = CliRun.run("report", "codes", "--by", "sender", LOG);
    assertThat(by.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(by.err()).isEqualTo("smtplog: --by sender: not a value of --by (none, domain, relay)\n")
        .doesNotContain("case-sensitive");
    CliRun near = CliRun.run("report", "codes", "--by", "domian", LOG);
    assertThat(near.err()).isEqualTo("smtplog: --by domian: not a value of --by; did you mean domain? (none, domain,"
        + " relay)\n");
    CliRun upper = CliRun.run("report", "codes", "--by", "Domain", "--format", "json", LOG);
    assertThat(upper.exitCode()).as(upper.err()).isZero();
    assertThat(upper.out()).isEqualTo(CliRun.run("report", "codes", "--by", "domain", "--format", "json", LOG).out());
    CliRun hits = query("--format", "cvs", "*");
    assertThat(hits.err()).isEqualTo("smtplog: --format cvs: not a format; did you mean csv? (table, csv, json,"
        + " ndjson)\n");
    CliRun sessions = CliRun.run("sessions", "--format", "jsno", LOG);
    assertThat(sessions.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(sessions.err()).isEqualTo("smtplog: --format jsno: not a format; did you mean json? (text, json)\n");
  }

  @Test
  void valuesTheCommandsCheck_readTheSame() {
    assertThat(CliRun.run("report", "relay", "--mta", "postfx", LOG).err())
        .isEqualTo("smtplog: --mta postfx: not an mta; did you mean postfix? (postfix, exim, transcript)\n");
    assertThat(CliRun.run("trace", "--format", "jsn", "X", LOG).err())
        .isEqualTo("smtplog: --format jsn: not a format; did you mean json? (text, json)\n");
    CliRun lang = CliRun.run("explain", "--lang", "de", "550");
    assertThat(lang.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(lang.err()).isEqualTo("smtplog: --lang de: not a language (en, tr)\n");
  }

  @Test
  void numbersAndMissingValues_areOneLine() {
    CliRun top = CliRun.run("report", "relay", "--top", "ten", LOG);
    assertThat(top.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(top.err()).isEqualTo("smtplog: --top ten: not a whole number\n");
    CliRun code = CliRun.run("explain");
    assertThat(code.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(code.err()).isEqualTo("smtplog: no CODE given: 'smtplog explain --help' shows what to give\n");
    CliRun format = CliRun.run("report", "relay", LOG, "--format");
    assertThat(format.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(format.err()).isEqualTo("smtplog: --format needs a format (table, csv, json, html, prometheus)\n");
  }

  @Test
  void queryField_mistyped_namesTheNearestField_notAll() {
    CliRun run = query("stauts:bounced");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("smtplog: cannot parse the query: there is no field 'stauts': did you mean status?"
        + " (`smtplog query --fields` lists every field)\n");
    CliRun far = query("nothinglikeit:x");
    assertThat(far.err()).isEqualTo("smtplog: cannot parse the query: there is no field 'nothinglikeit':"
        + " `smtplog query --fields` lists every field\n");
  }

  @Test
  void facetAndSortFields_mistyped_nameTheNearest() {
    CliRun facet = query("--facet", "domian", "status:bounced");
    assertThat(facet.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(facet.err()).isEqualTo("smtplog: cannot count by 'domian': did you mean domain? (`smtplog query"
        + " --fields` lists every field; those counted \"yes\" can be counted)\n");
    CliRun sort = query("--sort", "-tiem", "*");
    assertThat(sort.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(sort.err()).isEqualTo("smtplog: cannot sort by 'tiem': did you mean -time? (`smtplog query --fields`"
        + " lists every field; those counted \"yes\" can be sorted)\n");
    CliRun uncounted = query("--facet", "queue_id", "*");
    assertThat(uncounted.err()).isEqualTo("smtplog: cannot count by 'queue_id': not a counted field (`smtplog query"
        + " --fields` lists every field; those counted \"yes\" can be counted)\n");
  }

  @Test
  void valueOutsideAFieldsFewValues_isNamed_andTheQueryStillRuns() {
    CliRun run = query("status:bouncd");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.err()).isEqualTo("smtplog: status:bouncd can match nothing: did you mean status:bounced? (status"
        + " is one of delivered, deferred, bounced, expired, rejected, discarded)\n(0 hits)\n");
    // in an OR the rest still matches: a warning, the hits, no "(0 hits)"
    CliRun or = query("--count", "mta:sendmail OR status:bounced");
    assertThat(or.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(or.out()).isEqualTo(query("--count", "status:bounced").out()).isNotEqualTo("0\n");
    assertThat(or.err()).isEqualTo("smtplog: mta:sendmail can match nothing (mta is one of postfix, exim,"
        + " transcript)\n");
    // values are matched as the index holds them: in any case, and correct ones say nothing
    CliRun upper = query("--count", "status:Bounced OR kind:SESSION OR tls:yes OR direction:inbound");
    assertThat(upper.err()).isEmpty();
    assertThat(query("STATUS:bounced").err()).as("field names keep their case").isEqualTo("smtplog: cannot parse"
        + " the query: there is no field 'STATUS': did you mean status? (`smtplog query --fields` lists every field)\n");
    CliRun kind = query("kind:sesion");
    assertThat(kind.err()).startsWith("smtplog: kind:sesion can match nothing: did you mean kind:session? (kind is"
        + " one of recipient, message, session, event)\n");
  }

  @Test
  void queryWithoutHits_saysSo_inEveryForm() {
    CliRun table = query("domain:nowhere.example");
    assertThat(table.exitCode()).isZero();
    assertThat(table.err()).isEqualTo("(0 hits)\n");
    assertThat(query("--format", "json", "domain:nowhere.example").err()).isEqualTo("(0 hits)\n");
    assertThat(query("--facet", "domain", "domain:nowhere.example").err()).isEqualTo("(0 hits)\n");
    assertThat(query("--sessions", "domain:nowhere.example").err()).isEqualTo("(0 hits)\n");
    CliRun count = query("--count", "domain:nowhere.example");
    assertThat(count.out()).isEqualTo("0\n");
    assertThat(count.err()).as("the count is the answer").isEmpty();
    assertThat(query("--limit", "2", "status:bounced").err()).endsWith("hits shown; --limit 0 shows all)\n")
        .doesNotContain("(0 hits)");
  }

  @Test
  void traceOfNothing_exits5_notAsAnUnreadableInput() {
    CliRun fromIndex = CliRun.run("trace", "--index", index.toString(), "NOSUCHID");
    assertThat(fromIndex.exitCode()).isEqualTo(ExitCodes.NOT_FOUND).isEqualTo(5);
    assertThat(fromIndex.err()).isEqualTo("smtplog: no message or recipient matches 'NOSUCHID': give a queue id,"
        + " a Message-ID or an address\n");
    CliRun fromLogs = CliRun.run("trace", "--year", "2026", "NOSUCHID", LOG);
    assertThat(fromLogs.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    CliRun missing = CliRun.run("trace", "NOSUCHID", "/no/such/maillog");
    assertThat(missing.exitCode()).as("an unreadable input is still 3").isEqualTo(ExitCodes.INPUT_UNREADABLE);
  }
}
