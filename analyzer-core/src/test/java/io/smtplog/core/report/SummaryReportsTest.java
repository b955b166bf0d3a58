package io.smtplog.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.index.LogIndexer;
import io.smtplog.core.ingest.LogInput;
import io.smtplog.core.model.Mta;
import io.smtplog.core.report.format.JsonFormat;
import io.smtplog.core.samples.SampleLogs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary and codes reports on real sample logs: filters, pseudonyms, codes, from the index. */
class SummaryReportsTest {
  private static final Path LOOPBACK = SampleLogs.path("postfix/loopback-relay.log");
  private static final Path EXIM = SampleLogs.path("exim/relay-mainlog.log");
  private static final Path CONTENT_FILTER = SampleLogs.path("postfix/content-filter.log");

  private static ReportDocument run(ReportCollector collector, ReportFilter filter, Path... logs) throws IOException {
    return run(collector, Pseudonymizer.NONE, filter, logs);
  }

  private static ReportDocument run(ReportCollector collector, Pseudonymizer pseudonyms, ReportFilter filter,
      Path... logs) throws IOException {
    List<LogInput> inputs = new ArrayList<>();
    for (Path log : logs) {
      inputs.add(SampleLogs.input(log));
    }
    return ReportRun.fromLogs("test", collector, pseudonyms, filter, inputs, SampleLogs.options(logs[0], 2), 0,
        bytes -> { }).document();
  }

  private static ReportDocument summary(ReportFilter filter, Pseudonymizer pseudonyms, Path... logs) throws IOException {
    return run(Reports.summary(pseudonyms, ZoneOffset.UTC), pseudonyms, filter, logs);
  }

  private static Map<String, Long> totals(ReportDocument d) {
    return SummaryExactnessTest.totals(d);
  }

  private static ReportFilter window(String since, String until) {
    return new ReportFilter(Optional.ofNullable(since).map(Instant::parse), Optional.ofNullable(until).map(Instant::parse),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  @Test
  void timeWindows_splitTheTotalsWithoutLosingOrDoublingAny() throws IOException {
    Map<String, Long> all = totals(summary(ReportFilter.ALL, Pseudonymizer.NONE, LOOPBACK));
    String cut = "2026-11-29T13:28:46Z"; // 18 messages arrived at :45, 9 at :46
    Map<String, Long> before = totals(summary(window(null, cut), Pseudonymizer.NONE, LOOPBACK));
    Map<String, Long> after = totals(summary(window(cut, null), Pseudonymizer.NONE, LOOPBACK));
    assertThat(before.get("received")).isPositive().isLessThan(all.get("received"));
    assertThat(after.get("received")).isPositive();
    // A message received before the cut and delivered after it: received in the first part,
    // delivered in the second; a deferral or a reject belongs to the moment it was logged.
    for (String metric : List.of("received", "delivered", "deferrals", "rejected", "bounced", "bytes_received")) {
      assertThat(before.get(metric) + after.get(metric)).as(metric).isEqualTo(all.get(metric));
    }
  }

  @Test
  void domainFilter_keepsThatDomainAndItsSubdomainsOnly() throws IOException {
    ReportDocument all = summary(ReportFilter.ALL, Pseudonymizer.NONE, LOOPBACK);
    ReportFilter org = ReportFilter.ALL.withDomain(Optional.of("example.org"));
    ReportDocument d = summary(org, Pseudonymizer.NONE, LOOPBACK);
    Section relay = d.section(ReportKeys.SECTION_RELAY).orElseThrow();
    assertThat(relay.rows()).extracting(r -> r.get(0)).containsExactly("example.org", ReportKeys.TOTALS_DOMAIN);
    Section allRelay = all.section(ReportKeys.SECTION_RELAY).orElseThrow();
    List<Object> orgRow = allRelay.rows().stream().filter(r -> r.get(0).equals("example.org")).findFirst().orElseThrow();
    assertThat(totals(d).get("recipients")).isEqualTo(allRelay.count(orgRow, ReportKeys.RECIPIENTS));
    assertThat(totals(d).get("delivered")).isEqualTo(allRelay.count(orgRow, ReportKeys.DELIVERED));
    assertThat(d.section(ReportKeys.SECTION_TOP_RECIPIENTS).orElseThrow().rows())
        .allSatisfy(r -> assertThat((String) r.get(0)).endsWith("@example.org"));
  }

  @Test
  void senderDomainFilter_keepsMailOfThoseSenders() throws IOException {
    ReportFilter net = new ReportFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("example.net"),
        Optional.empty());
    ReportDocument d = summary(net, Pseudonymizer.NONE, LOOPBACK);
    assertThat(totals(d).get("received")).isEqualTo(1); // stranger@example.net's one message
    assertThat(d.section(ReportKeys.SECTION_TOP_SENDERS).orElseThrow().rows()).extracting(r -> r.get(0))
        .containsExactly("stranger@example.net");
    assertThat(totals(d).get("recipients")).isPositive().isLessThan(totals(summary(ReportFilter.ALL,
        Pseudonymizer.NONE, LOOPBACK)).get("recipients"));
    // Delivery records do not name the sender: the queue's "from=" does, and the filter applies to them too.
    ReportFilter local = new ReportFilter(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of("smtplog.test"), Optional.empty());
    ReportDocument fromLocal = summary(local, Pseudonymizer.NONE, LOOPBACK);
    assertThat(totals(d).get("deferrals")).isZero();
    assertThat(totals(fromLocal).get("deferrals")).isEqualTo(20);
    assertThat(fromLocal.section(ReportKeys.SECTION_DEFERRAL_REASONS).orElseThrow().rows().stream()
        .mapToLong(r -> (Long) r.get(2)).sum()).isEqualTo(20);
    assertThat(d.section(ReportKeys.SECTION_REJECT_REASONS).orElseThrow().rows().stream()
        .mapToLong(r -> (Long) r.get(2)).sum()).isEqualTo(totals(d).get("rejected")).isEqualTo(3);
  }

  @Test
  void mtaFilter_onMixedInput_equalsThatMtaAlone() throws IOException {
    ReportFilter exim = new ReportFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(Mta.EXIM));
    Map<String, Long> mixed = totals(summary(exim, Pseudonymizer.NONE, LOOPBACK, EXIM));
    Map<String, Long> alone = totals(summary(ReportFilter.ALL, Pseudonymizer.NONE, EXIM));
    assertThat(mixed).isEqualTo(alone);
    assertThat(totals(summary(ReportFilter.ALL, Pseudonymizer.NONE, LOOPBACK, EXIM)).get("received"))
        .isGreaterThan(alone.get("received"));
  }

  @Test
  void pseudonyms_hideLocalPartsEverywhere_andAreTheSameInEverySection() throws IOException {
    ReportDocument plain = summary(ReportFilter.ALL, Pseudonymizer.NONE, LOOPBACK);
    Pseudonymizer key = Pseudonymizer.withKey("correct horse battery", false);
    String json = JsonFormat.tree(summary(ReportFilter.ALL, key, LOOPBACK)).toString();
    List<String> addresses = new ArrayList<>();
    plain.section(ReportKeys.SECTION_TOP_SENDERS).orElseThrow().rows().forEach(r -> addresses.add((String) r.get(0)));
    plain.section(ReportKeys.SECTION_TOP_RECIPIENTS).orElseThrow().rows().forEach(r -> addresses.add((String) r.get(0)));
    assertThat(addresses).contains("alice@smtplog.test", "bob@example.com");
    for (String address : addresses) {
      assertThat(json).as(address).doesNotContain(address.substring(0, address.indexOf('@')) + "@");
    }
    assertThat(json).doesNotContain("nouser.oscar@").doesNotContain("moved.peggy@"); // in reasons and reply texts
    assertThat(JsonFormat.tree(plain).toString()).contains("unknown user: \\\"bob\\\"");
    assertThat(json).doesNotContain("\\\"bob\\\"").contains("unknown user: \\\"u"); // local(8) names the local part alone
    String bob = Pseudonymizer.withKey("correct horse battery", false).address("bob@example.com");
    assertThat(bob).matches("u[0-9a-f]{10}@example\\.com");
    assertThat(json).contains("\"" + bob + "\"");
    // Another key, other pseudonyms; domains kept without --pseudonymize-domains.
    assertThat(Pseudonymizer.withKey("another key!", false).address("bob@example.com")).isNotEqualTo(bob);
    assertThat(json).contains("example.com");
  }

  @Test
  void pseudonymizedDomains_leaveNoDomainOrHostName() throws IOException {
    Pseudonymizer key = Pseudonymizer.withKey("correct horse battery", true);
    String json = JsonFormat.tree(summary(ReportFilter.ALL, key, LOOPBACK)).path(ReportKeys.SECTIONS).toString();
    for (String domain : List.of("example.com", "example.org", "example.net", "smtplog.test")) {
      assertThat(json).as(domain).doesNotContain(domain);
    }
    assertThat(json).contains(key.domain("example.com")).contains(key.domain("sink.smtplog.test")); // a greeting
    assertThat(key.text("250 2.1.5 Ok, 4.2.1 and Python SMTP 1.4.3")).isEqualTo("250 2.1.5 Ok, 4.2.1 and Python SMTP 1.4.3");
    assertThat(key.text("Incorrect authentication data (set_id=alice)")).matches(
        "Incorrect authentication data \\(set_id=u[0-9a-f]{10}\\)"); // Exim's AUTH failure names the login
  }

  @Test
  void recipientsWithoutADomain_haveRowsOfTheirOwn_thatPseudonymsLeaveReadable() throws IOException {
    // header_checks refused messages whose other recipients only the session's rcpt= tally counts.
    Pseudonymizer key = Pseudonymizer.withKey("correct horse battery", true);
    Section relay = run(Reports.relay(key, ZoneOffset.UTC), key, ReportFilter.ALL, SampleLogs.path("postfix/header-checks.log"))
        .section(ReportKeys.SECTION_RELAY).orElseThrow();
    List<Object> unnamed = row(relay, ReportKeys.DOMAIN, ReportKeys.UNNAMED_DOMAIN);
    assertThat(relay.count(unnamed, ReportKeys.REJECTED)).isEqualTo(51);
    assertThat(relay.count(unnamed, ReportKeys.DISCARDED)).isEqualTo(3);
    // RCPT TO:<foo> refused by smtpd's checks: an address without a domain.
    Section corpus = run(Reports.relay(key, ZoneOffset.UTC), key, ReportFilter.ALL,
        SampleLogs.path("corpus/postfix/postfix-smtpd-check.log")).section(ReportKeys.SECTION_RELAY).orElseThrow();
    assertThat(corpus.count(row(corpus, ReportKeys.DOMAIN, ReportKeys.NO_DOMAIN), ReportKeys.REJECTED)).isEqualTo(2);
  }

  @Test
  void codes_tellTheMeaningForTheCommand_251And551WithTheirForwardPaths() throws IOException {
    ReportDocument d = run(Reports.codes(CodesCollector.By.NONE, Pseudonymizer.NONE),
        ReportFilter.ALL, LOOPBACK);
    Section codes = d.section(ReportKeys.SECTION_REPLY_CODES).orElseThrow();
    List<Object> r251 = row(codes, ReportKeys.CODE, "251");
    assertThat(codes.text(r251, ReportKeys.TAG)).isEqualTo("user-not-local-will-forward");
    assertThat(codes.text(r251, ReportKeys.CLASS)).isEqualTo("Positive Completion");
    assertThat(codes.count(r251, ReportKeys.IN_TRANSCRIPTS)).isEqualTo(3);
    assertThat(codes.text(r251, ReportKeys.EXAMPLE)).startsWith("251 2.1.5 User not local; will forward to <");
    List<Object> r551 = row(codes, ReportKeys.CODE, "551");
    assertThat(codes.text(r551, ReportKeys.TAG)).isEqualTo("user-not-local-try");
    assertThat(codes.text(r551, ReportKeys.EXAMPLE)).contains("please try <moved.peggy@new.example.org>");
    assertThat(row(codes, ReportKeys.CODE, "252")).contains("cannot-verify-will-attempt");
    Section enhanced = d.section(ReportKeys.SECTION_ENHANCED_CODES).orElseThrow();
    List<Object> e511 = row(enhanced, ReportKeys.ENHANCED, "5.1.1");
    assertThat(enhanced.text(e511, ReportKeys.DETAIL_NAME)).isEqualTo("Bad destination mailbox address");
    assertThat(enhanced.text(e511, ReportKeys.CLASS)).isEqualTo("Permanent Failure");
  }

  @Test
  void codesByDomainAndByRelay_breakTheSameCountsDown() throws IOException {
    Section all = run(Reports.codes(CodesCollector.By.NONE, Pseudonymizer.NONE),
        ReportFilter.ALL, LOOPBACK).section(ReportKeys.SECTION_REPLY_CODES).orElseThrow();
    for (CodesCollector.By by : List.of(CodesCollector.By.DOMAIN, CodesCollector.By.RELAY)) {
      Section split = run(Reports.codes(by, Pseudonymizer.NONE), ReportFilter.ALL, LOOPBACK)
          .section(ReportKeys.SECTION_REPLY_CODES).orElseThrow();
      assertThat(split.columns().get(0).name()).isEqualTo(by == CodesCollector.By.DOMAIN ? ReportKeys.DOMAIN : ReportKeys.RELAY);
      assertThat(sum(split, ReportKeys.IN_LOGS)).as("%s in_logs", by).isEqualTo(sum(all, ReportKeys.IN_LOGS));
      assertThat(sum(split, ReportKeys.IN_TRANSCRIPTS)).as("%s in_transcripts", by)
          .isEqualTo(sum(all, ReportKeys.IN_TRANSCRIPTS));
      assertThat(split.rows().size()).isGreaterThan(all.rows().size());
    }
    Section byDomain = run(Reports.codes(CodesCollector.By.DOMAIN, Pseudonymizer.NONE),
        ReportFilter.ALL, LOOPBACK).section(ReportKeys.SECTION_REPLY_CODES).orElseThrow();
    assertThat(byDomain.rows()).anySatisfy(r -> { // RCPT TO:<fwd.erin@example.net> got 251
      assertThat(r.get(0)).isEqualTo("example.net");
      assertThat(byDomain.text(r, ReportKeys.CODE)).isEqualTo("251");
    });
  }

  @Test
  void codesForOneDomain_areTheRepliesAboutItsRecipients() throws IOException {
    ReportFilter org = ReportFilter.ALL.withDomain(Optional.of("example.org"));
    Section only = run(Reports.codes(CodesCollector.By.DOMAIN, Pseudonymizer.NONE), org, LOOPBACK)
        .section(ReportKeys.SECTION_REPLY_CODES).orElseThrow();
    Section all = run(Reports.codes(CodesCollector.By.DOMAIN, Pseudonymizer.NONE),
        ReportFilter.ALL, LOOPBACK).section(ReportKeys.SECTION_REPLY_CODES).orElseThrow();
    assertThat(only.rows()).isNotEmpty().allSatisfy(r -> assertThat(r.get(0)).isEqualTo("example.org"));
    assertThat(only.rows()).containsExactlyInAnyOrderElementsOf(
        all.rows().stream().filter(r -> r.get(0).equals("example.org")).toList());
  }

  private static long sum(Section s, String column) {
    return s.rows().stream().mapToLong(r -> s.count(r, column)).sum();
  }

  private static List<Object> row(Section s, String column, String value) {
    return s.rows().stream().filter(r -> s.text(r, column).equals(value)).findFirst()
        .orElseThrow(() -> new AssertionError("no row with " + column + " = " + value + " in " + s.rows()));
  }

  @Test
  void fromTheIndex_theSameReportAsFromTheLogs(@TempDir Path dir) throws Exception {
    Path index = dir.resolve("index");
    List<LogInput> inputs = List.of(SampleLogs.input(LOOPBACK), SampleLogs.input(EXIM), SampleLogs.input(CONTENT_FILTER));
    LogIndexer.ingest(index, inputs, SampleLogs.options(LOOPBACK, 2), bytes -> { });
    ReportDocument fromLogs = summary(ReportFilter.ALL, Pseudonymizer.NONE, LOOPBACK, EXIM, CONTENT_FILTER);
    ReportDocument fromIndex;
    try (IndexSearch search = IndexSearch.open(index).orElseThrow()) {
      fromIndex = ReportRun.fromStoredLines("test", Reports.summary(Pseudonymizer.NONE, ZoneOffset.UTC), Pseudonymizer.NONE,
          ReportFilter.ALL, search.replay(IndexSearch.parse(null, ZoneOffset.UTC, Instant.now())), "index",
          SampleLogs.options(LOOPBACK, 2), 0).document();
    }
    JsonNode a = JsonFormat.tree(fromLogs).path(ReportKeys.SECTIONS);
    JsonNode b = JsonFormat.tree(fromIndex).path(ReportKeys.SECTIONS);
    assertThat(b).isEqualTo(a);
    assertThat(fromIndex.input().events()).isEqualTo(fromLogs.input().events());
  }
}
