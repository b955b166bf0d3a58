package io.smtplog.core.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.follow.FollowCycle;
import io.smtplog.core.ingest.ProblemKind;
import io.smtplog.core.outcome.Outcome;
import io.smtplog.core.outcome.RecipientOutcome;
import io.smtplog.core.report.format.PrometheusFormat;
import io.smtplog.core.samples.SampleLogs;
import io.smtplog.core.samples.SampleReports;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the exposition of {@link LiveCounters} promises besides the figures of the reports (those are
 * {@link LiveCountersSamplesTest}'s): every family and the zero series of the fixed label sets from
 * the start, hostile label values escaped, at most so many domains, the gauges of following.
 */
class LiveCountersTest {
  /** A sample line as the text format defines it: name, optional labels with quoted values, a number. */
  private static final Pattern SAMPLE = Pattern.compile(
      "smtplog_[a-z0-9_]+(\\{[a-z_]+=\"([^\"\\\\\\n]|\\\\[\\\\\"n])*\"(,[a-z_]+=\"([^\"\\\\\\n]|\\\\[\\\\\"n])*\")*})? [0-9.]+");

  private static String write(LiveCounters counters) throws IOException {
    StringWriter out = new StringWriter();
    counters.write(out);
    return out.toString();
  }

  /** The recipient outcomes of a real log: loopback-relay.log, Postfix relaying to a next hop. */
  private static List<RecipientOutcome> realRecipients() throws IOException {
    return SampleReports.outcomes(SampleLogs.path("postfix/loopback-relay.log")).recipients();
  }

  @Test
  void beforeAnything_everyFamilyAndTheFixedLabelSetsAreThereAtZero() throws IOException {
    String text = write(new LiveCounters("1.2.3", false));
    ExpositionSamples live = ExpositionSamples.read(text);
    assertThat(live.families()).containsExactlyElementsOf(MetricNames.ALL.stream()
        .filter(name -> !name.equals(MetricNames.DOMAIN_RECIPIENTS) && !MetricNames.FOLLOWING.contains(name)).toList());
    live.types().forEach((name, type) -> assertThat(type).as(name).isEqualTo(name.endsWith("_total") ? "counter" : "gauge"));
    for (String outcome : PrometheusFormat.OUTCOMES) {
      assertThat(live.count(MetricNames.RECIPIENTS, MetricNames.OUTCOME, outcome)).isZero();
    }
    assertThat(live.by(MetricNames.DELIVERED_BY_RCPT_REPLY, MetricNames.RCPT_REPLY))
        .isEqualTo(Map.of("250", 0L, "251", 0L, "252", 0L, "unseen", 0L));
    assertThat(live.by(MetricNames.REJECTS, MetricNames.REASON_CLASS)).isEqualTo(Map.of("addressing", 0L, "mailbox", 0L,
        "mail_system", 0L, "network", 0L, "protocol", 0L, "content", 0L, "policy", 0L, "other", 0L));
    assertThat(live.by(MetricNames.LINE_PROBLEMS, MetricNames.KIND)).hasSize(ProblemKind.values().length)
        .containsEntry("unknown_line", 0L).containsEntry("truncated", 0L);
    assertThat(live.count(MetricNames.INDEX_LAST_COMMIT)).isZero();
    assertThat(live.count(MetricNames.BUILD_INFO, MetricNames.VERSION, "1.2.3")).isEqualTo(1);
    assertThat(text).contains("# HELP smtplog_recipients_total Recipients whose outcome became final");
  }

  @Test
  void hostileDomains_areEscapedAndStayOneLinePerSeries() throws IOException {
    RecipientOutcome real = realRecipients().get(0);
    LiveCounters counters = new LiveCounters("test", true);
    // A newline cannot come from a log line; quotes, backslashes and escape sequences can.
    List<String> hostile = List.of("ex\"ample.com", "back\\slash.example", "new\nline.example",
        "\u001b[31mred.example", "\u001b[31mred\u0007.example", "a\"},x=\"y\\\"");
    for (String domain : hostile) {
      counters.accept(withDomain(real, domain));
    }
    String text = write(counters);
    assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007")
        .contains("domain=\"ex\\\"ample.com\"", "domain=\"back\\\\slash.example\"", "domain=\"new\\nline.example\"",
            "domain=\"\uFFFD[31mred.example\"", "domain=\"a\\\"},x=\\\"y\\\\\\\"\"");
    for (String line : text.split("\n")) {
      assertThat(line.startsWith("# HELP ") || line.startsWith("# TYPE ") || SAMPLE.matcher(line).matches())
          .as("a line of the exposition: %s", line).isTrue();
    }
    ExpositionSamples live = ExpositionSamples.read(text);
    String outcome = real.status().name().toLowerCase(Locale.ROOT);
    assertThat(live.by(MetricNames.DOMAIN_RECIPIENTS, MetricNames.DOMAIN)).containsOnlyKeys(
        "ex\"ample.com", "back\\slash.example", "new\nline.example", "\uFFFD[31mred.example",
        "\uFFFD[31mred\uFFFD.example", "a\"},x=\"y\\\"");
    assertThat(live.count(MetricNames.DOMAIN_RECIPIENTS, MetricNames.DOMAIN, "new\nline.example",
        MetricNames.OUTCOME, outcome)).isEqualTo(1);
  }

  @Test
  void domainsThatEscapeAlike_areOneSeries() throws IOException {
    RecipientOutcome real = realRecipients().get(0);
    LiveCounters counters = new LiveCounters("test", true);
    counters.accept(withDomain(real, "bell\u0007.example"));
    counters.accept(withDomain(real, "bell\u001b.example"));
    ExpositionSamples live = ExpositionSamples.read(write(counters));
    assertThat(live.by(MetricNames.DOMAIN_RECIPIENTS, MetricNames.DOMAIN)).isEqualTo(Map.of("bell\uFFFD.example", 2L));
  }

  @Test
  void domainsPastTheCap_countUnderOther() throws IOException {
    List<RecipientOutcome> recipients = realRecipients();
    List<String> domains = recipients.stream().map(RecipientOutcome::domain).distinct().toList();
    assertThat(domains).as("loopback-relay.log has recipients of several domains").hasSizeGreaterThan(2);
    LiveCounters counters = new LiveCounters("test", 2);
    recipients.forEach(counters);
    ExpositionSamples live = ExpositionSamples.read(write(counters));
    Map<String, Long> byDomain = live.by(MetricNames.DOMAIN_RECIPIENTS, MetricNames.DOMAIN);
    assertThat(byDomain.keySet()).isEqualTo(Set.of(domains.get(0), domains.get(1), MetricNames.OTHER_DOMAIN));
    assertThat(live.sum(MetricNames.DOMAIN_RECIPIENTS)).isEqualTo(recipients.size())
        .isEqualTo(live.sum(MetricNames.RECIPIENTS));
    assertThat(byDomain.get(MetricNames.OTHER_DOMAIN)).isEqualTo(recipients.stream()
        .filter(r -> !r.domain().equals(domains.get(0)) && !r.domain().equals(domains.get(1))).count());
  }

  @Test
  void followCycles_setTheGaugesAndAddTheCounters() throws IOException {
    LiveCounters counters = new LiveCounters("test", false);
    assertThat(ExpositionSamples.read(write(counters)).families()).as("before following: no follow gauges")
        .doesNotContainAnyElementsOf(MetricNames.FOLLOWING);
    Instant first = Instant.parse("2026-12-02T09:00:00.500Z");
    Instant logged = Instant.parse("2026-12-02T08:59:58Z");
    counters.cycle(new FollowCycle(first, 120, 9000, Map.of(ProblemKind.TRUNCATED, 2L), Optional.of(logged), true,
        4096, 2));
    Instant quiet = first.plusSeconds(30);
    counters.cycle(new FollowCycle(quiet, 0, 0, Map.of(), Optional.empty(), false, 0, 1));
    String text = write(counters);
    ExpositionSamples live = ExpositionSamples.read(text);
    assertThat(live.count(MetricNames.LINES_READ)).isEqualTo(120);
    assertThat(live.count(MetricNames.LINE_PROBLEMS, MetricNames.KIND, "truncated")).isEqualTo(2);
    assertThat(text).contains("smtplog_last_line_read_timestamp_seconds 1796202000.500\n",
        "smtplog_last_line_logged_timestamp_seconds 1796201998.000\n",
        "smtplog_index_last_commit_timestamp_seconds 1796202000.500\n");
    assertThat(live.count(MetricNames.INDEX_COMMITS)).isEqualTo(1);
    assertThat(live.count(MetricNames.FOLLOW_LAG)).isZero();
    assertThat(live.count(MetricNames.FOLLOW_INPUTS)).isEqualTo(1);
  }

  /**
   * Written by other threads while one thread feeds it a real log's outcomes (as HTTP threads scrape
   * while the follower counts): every exposition is whole and valid, and no counter ever goes back.
   */
  @Test
  void writtenWhileFed_everyExpositionIsValidAndCountersOnlyGrow() throws Exception {
    List<Outcome> outcomes =
        SampleReports.outcomes(SampleLogs.path("postfix/loopback-relay.log")).all();
    LiveCounters counters = new LiveCounters("test", true);
    AtomicBoolean fed = new AtomicBoolean();
    List<Thread> scrapers = new ArrayList<>();
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger scrapes = new AtomicInteger();
    for (int i = 0; i < 2; i++) {
      Thread t = new Thread(() -> {
        try {
          long before = 0;
          boolean last = false;
          while (!last) {
            last = fed.get(); // one more scrape after the feeding ended
            ExpositionSamples live = ExpositionSamples.read(write(counters));
            long recipients = live.sum(MetricNames.RECIPIENTS);
            assertThat(recipients).isGreaterThanOrEqualTo(before);
            assertThat(live.sum(MetricNames.DOMAIN_RECIPIENTS)).isGreaterThanOrEqualTo(before);
            before = recipients;
            scrapes.incrementAndGet();
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      t.start();
      scrapers.add(t);
    }
    for (int round = 0; round < 20; round++) {
      outcomes.forEach(counters);
    }
    fed.set(true);
    for (Thread t : scrapers) {
      t.join();
    }
    assertThat(failures).isEmpty();
    assertThat(scrapes.get()).isGreaterThanOrEqualTo(2);
    long recipients = outcomes.stream().filter(o -> o instanceof RecipientOutcome).count();
    assertThat(ExpositionSamples.read(write(counters)).sum(MetricNames.RECIPIENTS)).isEqualTo(20 * recipients);
  }

  /** {@code o} addressed to {@code domain} instead. */
  static RecipientOutcome withDomain(RecipientOutcome o, String domain) {
    return new RecipientOutcome(o.mta(), o.queueId(), o.message(), "someone@" + domain, o.origRecipient(), domain,
        o.status(), o.rcptReply(), o.rcptReplySource(), o.finalReply(), o.finalText(), o.lastAttempt(), o.relay(),
        o.local(), o.attempts(), o.deferrals(), o.hops(), o.forwards(), o.firstSeen(), o.lastSeen(),
        o.finalAddresses());
  }
}
