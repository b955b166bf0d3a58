package io.smtplog.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.smtplog.core.model.DeliveryAttempt;
import io.smtplog.core.model.DeliveryStatus;
import io.smtplog.core.model.MailEvent;
import io.smtplog.core.model.MessageArrival;
import io.smtplog.core.model.QueueId;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-checks our counts against eximstats' "Grand total summary" and "Relayed messages", stored
 * beside each generated Exim mainlog (sample-logs/generate/make-exim-samples.sh). eximstats counts
 * messages where we count recipients; each assertion compares like with like, and says where
 * eximstats' definition differs:
 * <ul>
 *   <li>"Rejects" counts every line without a delivery flag that contains "rejected", "refused" or
 *       "dropped" (eximstats line 1907): besides the ACL rejects it counts the per-host notes
 *       "H=host [ip]:port Connection refused" of deliveries, which are no rejects;
 *   <li>"Delivered" messages counts "=&gt;" lines, one per delivery: a message aliased to a local
 *       user and a remote address counts twice; we compare distinct (message, host or transport);
 *   <li>"Relayed messages" counts "=&gt;" lines only (one per delivery); we count every relayed
 *       recipient, so the "-&gt;" recipients of the same deliveries are the difference.
 * </ul>
 */
public class EximstatsCrossCheckTest {
  private static final Pattern ROW = Pattern.compile("^\\s{2}(Received|Delivered|Rejects|Temp Rejects)\\s+(.*)$");

  static Stream<Path> samplesWithEximstats() throws IOException {
    return SampleLogs.logsUnder("exim").stream().filter(log -> Files.exists(eximstats(log)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samplesWithEximstats")
  void grandTotals_agreeWithEximstats(Path log) throws IOException {
    String report = Files.readString(eximstats(log), StandardCharsets.UTF_8);
    List<MailEvent> events = new ArrayList<>();
    Recorder recorder = new Recorder();
    MailCorrelator correlator = new MailCorrelator(recorder);
    new LogPipeline(SampleLogs.options(log, 2)).run(List.of(SampleLogs.input(log)), e -> {
      events.add(e);
      correlator.accept(e);
    });
    correlator.finish();
    List<RecipientOutcome> outcomes = recorder.recipients();

    Set<QueueId> received = new HashSet<>();
    Set<String> deliveries = new HashSet<>();
    Set<QueueId> delayed = new HashSet<>();
    Set<QueueId> failed = new HashSet<>();
    long deliveredAddresses = 0;
    long rejects = 0;
    long tempRejects = 0;
    for (MailEvent e : events) {
      if (e instanceof MessageArrival a) {
        received.add(a.queueId());
      } else if (e instanceof DeliveryAttempt d
          && (d.status() == DeliveryStatus.SENT || d.status() == DeliveryStatus.DISCARDED)) {
        // eximstats counts a delivery to :blackhole: as a delivery by the ":blackhole:" transport
        deliveredAddresses++;
        deliveries.add(d.queueId() + " " + d.relay());
      } else if (e instanceof DeliveryAttempt d && d.status() == DeliveryStatus.DEFERRED) {
        delayed.add(d.queueId());
      } else if (e instanceof DeliveryAttempt d
          && (d.status() == DeliveryStatus.BOUNCED || d.status() == DeliveryStatus.EXPIRED)) {
        failed.add(d.queueId());
      } else if (e instanceof Rejected r && r.action().equals("reject") && !r.stage().equals("AUTH")) {
        rejects++; // eximstats finds no "rejected" in an authenticator's failure line
      } else if (e instanceof Rejected r && r.action().equals("defer")) {
        tempRejects++;
      }
    }
    long[] receivedRow = numbers(report, "Received");
    long[] deliveredRow = numbers(report, "Delivered");
    assertThat(received).as("messages received").hasSize((int) receivedRow[0]);
    assertThat(delayed).as("messages delayed (at least one address deferred)").hasSize((int) receivedRow[2]);
    assertThat(failed).as("messages with at least one address failed").hasSize((int) receivedRow[3]);
    assertThat(deliveries).as("deliveries: a message handed to one host or transport").hasSize((int) deliveredRow[0]);
    assertThat(deliveredAddresses).as("addresses delivered").isEqualTo(deliveredRow[1]);
    // Every final address of a delivered recipient was one delivery line (an alias's expansions each).
    assertThat(outcomes.stream().filter(o -> o.status() == RecipientStatus.DELIVERED)
        .mapToLong(o -> o.finalAddresses().size()).sum()).as("final addresses of the delivered recipients")
        .isLessThanOrEqualTo(deliveredRow[1]);

    String mainlog = Files.readString(log, StandardCharsets.UTF_8);
    long hostNotesRefused = Pattern.compile("(?m)^\\S+ \\S+ (?:\\[\\d+\\] )?\\S+ H=\\S+ \\[[^]]+\\]\\S* Connection refused$")
        .matcher(mainlog).results().count();
    // eximstats also counts a delivery to :blackhole: among its Rejects (and as a delivery by that transport).
    long blackholes = Pattern.compile("(?m)^.* => :blackhole: ").matcher(mainlog).results().count();
    assertThat(rejects + hostNotesRefused + blackholes)
        .as("eximstats Rejects = rejects + 'Connection refused' host notes + :blackhole: deliveries")
        .isEqualTo(numbers(report, "Rejects")[0]);
    // eximstats leaves the row out when there were none.
    assertThat(tempRejects).as("temporary rejects")
        .isEqualTo(report.contains("  Temp Rejects ") ? numbers(report, "Temp Rejects")[0] : 0);

    long relayedThrough = outcomes.stream().filter(RecipientOutcome::relayedThrough).count();
    // "->" lines of addresses that were not rewritten (no "<parent>"): eximstats counts only "=>".
    long relayedByArrow = Pattern.compile("(?m)^.* -> [^ <]+ (?:[A-Z]=\\S+ )*R=sink .*H=\\S+ \\[").matcher(mainlog).results().count();
    Matcher total = Pattern.compile("(?m)^\\s*Total: (\\d+) \\(plus (\\d+) unshown\\)").matcher(report);
    assertThat(total.find()).as("eximstats printed its relayed total").isTrue();
    long theirRelayed = Long.parseLong(total.group(1)) + Long.parseLong(total.group(2));
    assertThat(relayedThrough).as("relayed recipients = eximstats' relayed '=>' deliveries + relayed '->' recipients")
        .isEqualTo(theirRelayed + relayedByArrow);
  }

  /** The counts of a "Grand total summary" row: Received = messages, hosts, delayed, failed. */
  public static long[] numbers(String report, String row) {
    for (String line : report.split("\n")) {
      Matcher m = ROW.matcher(line);
      if (m.matches() && m.group(1).equals(row)) {
        // Received and Delivered start with the volume ("37KB", or "7862" bytes): not a count.
        return Stream.of(m.group(2).trim().split("\\s+"))
            .skip(row.equals("Received") || row.equals("Delivered") ? 1 : 0)
            .filter(t -> t.matches("\\d+"))
            .mapToLong(Long::parseLong).toArray();
      }
    }
    throw new AssertionError("no '" + row + "' row in eximstats' report");
  }

  public static Path eximstats(Path log) {
    return SampleLogs.sibling(log, ".eximstats.txt");
  }
}
