package io.smtplog.core.follow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smtplog.core.index.IndexSearch;
import io.smtplog.core.index.IndexView;
import io.smtplog.core.pipeline.ReadOptions;
import io.smtplog.core.report.Pseudonymizer;
import io.smtplog.core.report.ReportFilter;
import io.smtplog.core.report.ReportRun;
import io.smtplog.core.report.Reports;
import io.smtplog.core.report.format.JsonFormat;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares an index written by following with one written by one ingest of the same lines: the
 * same documents (but where their lines were read: file, line and session names, which differ with
 * the files' names), the same stored lines, the same relay report. For the follow tests of both modules.
 */
public final class SameIndex {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final Set<String> WHERE_READ = Set.of("file", "line", "session", "sessions");

  private SameIndex() {}

  /** Recipients by status in an index, as the follower's listener counts them (final ones only). */
  public static Map<String, Long> finalRecipients(Path index) throws Exception {
    Map<String, Long> counts = new TreeMap<>();
    try (IndexSearch search = IndexSearch.open(index).orElseThrow()) {
      for (String status : List.of("delivered", "deferred", "bounced", "expired", "rejected", "discarded")) {
        long n = search.count(IndexSearch.parse("kind:recipient AND status:" + status + " AND NOT provisional:true",
            ZoneOffset.UTC, NOW));
        if (n > 0) {
          counts.put(status, n);
        }
      }
    }
    return counts;
  }

  /** The same documents (but where their lines were read: file, line, session names), the same relay report. */
  public static void assertSameIndex(Path followed, Path once, ReadOptions options) throws Exception {
    try (IndexSearch a = IndexSearch.open(followed).orElseThrow();
        IndexSearch b = IndexSearch.open(once).orElseThrow()) {
      assertThat(dump(a)).isEqualTo(dump(b)).isNotEmpty();
      assertThat(a.stats().lines()).isEqualTo(b.stats().lines());
      for (String q : List.of("kind:recipient", "provisional:true", "status:delivered", "rcpt_code:251",
          "deferrals:[1 TO *]")) {
        assertThat(count(a, q)).as(q).isEqualTo(count(b, q));
      }
      assertThat(relay(a, options)).isEqualTo(relay(b, options));
    }
  }

  private static long count(IndexSearch index, String q) throws Exception {
    return index.count(IndexSearch.parse(q, ZoneOffset.UTC, NOW));
  }

  /** Every document's values, but where it was read, sorted. */
  private static List<String> dump(IndexSearch index) throws Exception {
    List<String> docs = new ArrayList<>();
    IndexView.HitPages pages = index.hitPages(IndexSearch.parse("*", ZoneOffset.UTC, NOW), "", 0, 1000);
    for (List<IndexView.Hit> page = pages.next(); !page.isEmpty(); page = pages.next()) {
      for (IndexView.Hit hit : page) {
        Map<String, Object> values = new TreeMap<>(hit.values());
        values.keySet().removeAll(WHERE_READ);
        docs.add(values.toString());
      }
    }
    docs.sort(null);
    return docs;
  }

  /** The relay report of the whole index, from its stored lines, as {@code report relay --index} makes it. */
  private static JsonNode relay(IndexSearch index, ReadOptions options) throws Exception {
    return JsonFormat.tree(ReportRun.fromStoredLines(Reports.RELAY, Reports.relay(Pseudonymizer.NONE, ZoneOffset.UTC),
        Pseudonymizer.NONE, ReportFilter.ALL, index.replay(IndexSearch.parse("*", ZoneOffset.UTC, NOW)), "index",
        options, 0).document()).get("sections");
  }
}
