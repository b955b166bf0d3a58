package io.smtplog.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.model.DeliveryStatus;
import io.smtplog.core.model.Rejected;
import io.smtplog.core.outcome.RecipientOutcome;
import io.smtplog.core.outcome.RecipientStatus;
import io.smtplog.core.outcome.Recorder;
import io.smtplog.core.pipeline.LogPipeline;
import io.smtplog.core.samples.SampleLogs;
import io.smtplog.core.session.MailCorrelator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-checks what we read against pflogsumm's "Grand Totals", stored beside each generated sample
 * (sample-logs/generate/make-postfix-samples.sh). pflogsumm counts lines; we count recipients once,
 * with the fate of the last copy of the mail meant for each. So the lines are compared with our
 * delivery attempts and reject records, and our recipients with pflogsumm only where one line is
 * one recipient:
 * <ul>
 *   <li>"delivered" + "forwarded" = the status=sent lines (deliveries, hand-overs to a content
 *       filter, and local(8)'s "forwarded as"), "bounced" = the status=bounced lines;
 *   <li>"deferrals" = deferred attempts, which every recipient outcome adds up (at the filter too);
 *   <li>"deferred" = messages deferred at least once; "rejected" = reject records.
 * </ul>
 */
public class PflogsummCrossCheckTest {
  private static final Pattern TOTAL = Pattern.compile("^\\s*(\\d+)([kmg]?)\\s+(\\w[\\w /]*?)\\s*(?:\\(.*)?$");

  static Stream<Path> samplesWithPflogsumm() throws IOException {
    return Stream.concat(SampleLogs.logsUnder("postfix").stream(), SampleLogs.logsUnder("anonymised").stream())
        .filter(log -> Files.exists(pflogsumm(log)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samplesWithPflogsumm")
  void grandTotals_agreeWithPflogsumm(Path log) throws IOException {
    Map<String, Long> theirs = grandTotals(pflogsumm(log));
    Recorder recorder = new Recorder();
    MailCorrelator correlator = new MailCorrelator(recorder);
    new LogPipeline(SampleLogs.options(log, 2)).run(List.of(SampleLogs.input(log)), correlator);
    correlator.finish();
    List<RecipientOutcome> outcomes = recorder.recipients();

    // discard(8) logs "status=sent" too: for us that recipient was discarded, not delivered.
    assertThat(attempts(recorder, DeliveryStatus.SENT) + attempts(recorder, DeliveryStatus.DISCARDED))
        .as("status=sent lines = pflogsumm delivered + forwarded").isEqualTo(theirs.get("delivered") + theirs.get("forwarded"));
    assertThat(attempts(recorder, DeliveryStatus.BOUNCED)).as("status=bounced lines").isEqualTo(theirs.get("bounced"));
    assertThat(outcomes.stream().mapToLong(RecipientOutcome::deferrals).sum()).as("deferrals of every recipient")
        .isEqualTo(theirs.get("deferrals"));
    assertThat(attempts(recorder, DeliveryStatus.DEFERRED)).as("deferred lines").isEqualTo(theirs.get("deferrals"));
    long messagesEverDeferred = recorder.attempts().stream().filter(a -> a.event().status() == DeliveryStatus.DEFERRED)
        .map(a -> a.event().queueId()).distinct().count();
    assertThat(messagesEverDeferred).as("messages deferred at least once").isEqualTo(theirs.get("deferred"));
    long rejectRecords = recorder.observations().stream()
        .filter(o -> o.event() instanceof Rejected r && r.isRefusal()).count();
    assertThat(rejectRecords).as("reject records").isEqualTo(theirs.get("rejected"));
    assertThat(count(outcomes, RecipientStatus.REJECTED)).as("rejected recipients: at least one per record")
        .isGreaterThanOrEqualTo(rejectRecords);
  }

  private static long attempts(Recorder recorder, DeliveryStatus status) {
    return recorder.attempts().stream().filter(a -> a.event().status() == status).count();
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
    totals.putIfAbsent("deferrals", 0L); // pflogsumm prints "(N deferrals)" only when there were some
    assertThat(totals).as("pflogsumm totals in %s", file).containsKeys("delivered", "forwarded", "bounced", "rejected",
        "deferred", "deferrals");
    return totals;
  }
}
