package io.smtplog.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.samples.SampleLogs;
import io.smtplog.core.session.MailCorrelator;
import io.smtplog.core.session.RecipientOutcome;
import io.smtplog.core.session.RecipientStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-checks our totals against pflogsumm's "Grand Totals", stored beside each generated sample
 * (sample-logs/generate/make-postfix-samples.sh). The definitions differ on purpose, and each
 * assertion says how:
 * <ul>
 *   <li>pflogsumm counts "delivered" and "forwarded" (local "forwarded as ID") apart; both are
 *       delivered recipients for us;
 *   <li>pflogsumm counts a hop through a content filter ("250 ... queued as ID" for a message that
 *       comes back into this log) as a delivery; we count only the re-injected copy, so our hops
 *       are added back for the comparison;
 *   <li>pflogsumm's "deferred" counts messages that were deferred at least once, whatever came
 *       later; "deferrals" counts deferred attempts, like ours;
 *   <li>"bounced" and "rejected" count recipients in both.
 * </ul>
 */
public class PflogsummCrossCheckTest {
  private static final Pattern TOTAL = Pattern.compile("^\\s*(\\d+)([kmg]?)\\s+(\\w[\\w /]*?)\\s*(?:\\(.*)?$");

  static Stream<Path> samplesWithPflogsumm() throws IOException {
    return SampleLogs.logsUnder("postfix").stream()
        .filter(log -> Files.exists(pflogsumm(log)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samplesWithPflogsumm")
  void grandTotals_agreeWithPflogsumm(Path log) throws IOException {
    Map<String, Long> theirs = grandTotals(pflogsumm(log));
    List<RecipientOutcome> outcomes = new ArrayList<>();
    MailCorrelator correlator = new MailCorrelator(outcomes::add);
    new LogPipeline(SampleLogs.options(log, 2)).run(List.of(SampleLogs.input(log)), correlator);
    correlator.finish();

    long delivered = count(outcomes, RecipientStatus.DELIVERED);
    long deferrals = outcomes.stream().mapToLong(RecipientOutcome::deferrals).sum();
    long messagesEverDeferred = outcomes.stream().filter(o -> o.deferrals() > 0)
        .map(o -> o.queueId().orElseThrow()).distinct().count();

    assertThat(delivered + correlator.filterHops()).as("delivered + content-filter hops = pflogsumm delivered + forwarded")
        .isEqualTo(theirs.get("delivered") + theirs.get("forwarded"));
    assertThat(count(outcomes, RecipientStatus.BOUNCED)).as("bounced").isEqualTo(theirs.get("bounced"));
    assertThat(count(outcomes, RecipientStatus.REJECTED)).as("rejected").isEqualTo(theirs.get("rejected"));
    assertThat(deferrals).as("deferrals").isEqualTo(theirs.get("deferrals"));
    assertThat(messagesEverDeferred).as("messages deferred at least once").isEqualTo(theirs.get("deferred"));
  }

  private static long count(List<RecipientOutcome> outcomes, RecipientStatus status) {
    return outcomes.stream().filter(o -> o.status() == status).count();
  }

  public static Path pflogsumm(Path log) {
    String name = log.getFileName().toString();
    return log.resolveSibling(name.substring(0, name.length() - 4) + ".pflogsumm.txt");
  }

  /**
   * The "Grand Totals" block: "27   received", "4   deferred  (20  deferrals)", "11894   bytes
   * received", "2   sending hosts/domains"... (pflogsumm writes 1000 and more as "1k" only with -u).
   */
  public static Map<String, Long> grandTotals(Path file) throws IOException {
    Map<String, Long> totals = new HashMap<>();
    boolean inTotals = false;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("Grand Totals")) {
        inTotals = true;
        continue;
      }
      Matcher m = TOTAL.matcher(line);
      if (inTotals && m.matches()) {
        assertThat(m.group(2)).as("pflogsumm run without unit suffixes: %s", line).isEmpty();
        totals.put(m.group(3).strip(), Long.parseLong(m.group(1)));
        if (m.group(3).strip().equals("recipient hosts/domains")) {
          break;
        }
        Matcher deferrals = Pattern.compile("\\((\\d+)\\s+deferrals\\)").matcher(line);
        if (deferrals.find()) {
          totals.put("deferrals", Long.parseLong(deferrals.group(1)));
        } else if (m.group(3).strip().equals("deferred") && m.group(1).equals("0")) {
          totals.put("deferrals", 0L); // pflogsumm writes "(N deferrals)" only when N > 0
        }
      }
    }
    assertThat(totals).as("pflogsumm totals in %s", file).containsKeys("delivered", "forwarded", "bounced", "rejected",
        "deferred", "deferrals");
    return totals;
  }
}
